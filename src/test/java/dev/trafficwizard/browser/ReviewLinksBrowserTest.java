package dev.trafficwizard.browser;

import dev.trafficwizard.routing.FormKind;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** An operator shares a proposal; a viewer, in another browser, reviews it read-only and simulates. */
class ReviewLinksBrowserTest extends ReviewsBrowserTestBase {

    @Test
    void operatorSharesAndAViewerSeesYamlDiffChecksAndSimulatesWithoutApply() {
        RoutingPlan live = new RoutingPlan("bookinfo", "reviews", List.of(), null, List.of(new Rule(List.of(),
                List.of(new WeightedDestination("v1", 90), new WeightedDestination("v2", 10),
                        new WeightedDestination("v3", 0)))), null);
        AsAdmin.run(() -> workflow.apply(live, null, FormKind.WEIGHTED));

        Page operator = browser.loggedIn(port, "operator");
        operator.navigate("http://localhost:" + port + "/services/bookinfo/reviews/weighted");
        BrowserSupport.weights(operator, "60", "30", "10");
        assertThat(operator.locator("#preview-yaml")).containsText("weight: 60");
        operator.locator("#share-review").click();
        assertThat(operator.locator("#review-url")).containsText("/reviews/");
        assertThat(operator.locator("#copy-review-url")).isVisible();
        BrowserSupport.screenshot(operator, "review-share");
        String link = operator.locator("#review-url").getAttribute("href");

        Page viewer = browser.loggedIn(port, "viewer");
        viewer.navigate(link);
        assertThat(viewer.locator("h1")).hasText("Proposed routing for bookinfo/reviews");
        assertThat(viewer.locator("#review-meta")).containsText("shared by operator");
        assertThat(viewer.locator("#review-yaml")).containsText("weight: 60");
        var diff = viewer.locator("#review-resources li[data-action='update'] code.language-diff");
        assertThat(diff).containsText("-      weight: 90");
        assertThat(diff).containsText("+      weight: 60");
        assertThat(viewer.locator("#review-checks")).isVisible();
        assertThat(viewer.locator("#apply-button")).hasCount(0);
        assertThat(viewer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply"))).hasCount(0);
        assertThat(viewer.locator("#share-review")).hasCount(0);

        viewer.locator("#sim-run").click();
        assertThat(viewer.locator("#sim-outcome")).hasText("Routed");
        assertThat(viewer.locator("#sim-shares")).containsText("v1 60 %");
        assertThat(viewer.locator("#sim-shares")).containsText("v2 30 %");
        BrowserSupport.screenshot(viewer, "review-viewer");

        viewer.navigate("http://localhost:" + port + "/services/bookinfo/reviews/weighted");
        assertThat(viewer.locator("#preview-yaml")).isVisible();
        assertThat(viewer.locator("#share-review")).hasCount(0);
    }
}
