package dev.trafficwizard.browser;

import dev.trafficwizard.routing.FormKind;
import com.microsoft.playwright.Page;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A review link opened by an operator offers "Open in form" and "Apply this proposal" (confirm,
 * then the normal write path); if the live routing changed since it was shared, it says so and
 * writes nothing. A viewer sees the reason instead of the buttons.
 */
class ReviewApplyBrowserTest extends ReviewsBrowserTestBase {

    private void live(int v1, int v2, int v3) {
        RoutingPlan plan = new RoutingPlan("bookinfo", "reviews", List.of(), null, List.of(new Rule(List.of(),
                List.of(new WeightedDestination("v1", v1), new WeightedDestination("v2", v2),
                        new WeightedDestination("v3", v3)))), null);
        AsAdmin.run(() -> workflow.apply(plan, null, FormKind.WEIGHTED));
    }

    /** The operator shares 60/30/10 from the weighted form and returns the review link. */
    private String share(Page operator) {
        operator.navigate(url("/services/bookinfo/reviews/weighted"));
        BrowserSupport.weights(operator, "60", "30", "10");
        assertThat(operator.locator("#preview-yaml")).containsText("weight: 60");
        operator.waitForFunction("() => !document.querySelector('.htmx-request')");
        operator.locator("#share-review").click();
        assertThat(operator.locator("#review-url")).containsText("/reviews/");
        return operator.locator("#review-url").getAttribute("href");
    }

    @Test
    void anOperatorAppliesAProposalAfterConfirmingItsFreshDiff() {
        live(90, 10, 0);
        Page operator = browser.loggedIn(port, "operator");
        List<String> errors = PagesStayTrueBrowserTest.consoleErrors(operator);
        String link = share(operator);

        operator.navigate(link);
        assertThat(operator.locator("#review-conflict")).hasCount(0);
        assertThat(operator.locator("#open-in-form")).hasText("Open in form");
        assertThat(operator.locator("#apply-review")).isEnabled();
        operator.locator("#apply-review").click();
        assertThat(operator.locator("#confirm-review-apply")).isVisible();
        assertThat(operator.locator("#confirm-review-objects")).containsText("VirtualService bookinfo/reviews");
        assertThat(operator.locator("#confirm-review-apply [data-bs-dismiss]")).hasCount(1); // one Cancel
        BrowserSupport.screenshot(operator, "review-apply-confirm");
        operator.locator("#confirm-review-apply-button").click();

        assertThat(operator.locator("#review-apply-result")).containsText("Routing applied.");
        // keyboard and screen-reader users are taken to the result once the dialog has closed
        assertThat(operator.locator("#review-apply-result .alert")).isFocused();
        assertThat(operator.locator("#apply-review")).hasCount(0);
        assertThat(operator.locator(".modal-backdrop")).hasCount(0);
        BrowserSupport.screenshot(operator, "review-applied");
        operator.navigate(url("/services/bookinfo/reviews"));
        assertThat(operator.locator("#live-yaml")).containsText("weight: 60");
        assertThat(errors).isEmpty();
    }

    @Test
    void whenTheLiveRoutingChangedSinceSharingNothingIsWrittenAndTheFormOpensWithTheProposal() {
        live(90, 10, 0);
        Page operator = browser.loggedIn(port, "operator");
        String link = share(operator);
        live(50, 50, 0);

        operator.navigate(link);
        assertThat(operator.locator("#review-conflict")).containsText("changed since this proposal was shared");
        assertThat(operator.locator("#apply-review")).isDisabled();
        BrowserSupport.screenshot(operator, "review-conflict");
        // a crafted apply is refused the same way: nothing is written
        Object status = operator.evaluate("""
                async () => {
                  const token = document.querySelector("meta[name='_csrf']").content;
                  const header = document.querySelector("meta[name='_csrf_header']").content;
                  const response = await fetch(location.pathname + "/apply", {method: "POST",
                      headers: {[header]: token, "HX-Request": "true"}, body: new URLSearchParams("baseVersion=")});
                  return (await response.text()).includes("Nothing was written");
                }""");
        assertThat(status).isEqualTo(true);
        assertThat(catalog.service("bookinfo", "reviews").orElseThrow().liveYaml()).contains("weight: 50");

        operator.locator("#open-in-form").click();
        assertThat(operator.locator("h1")).hasText("Weighted routing");
        assertThat(operator.locator("#weight-0")).hasValue("60");
        assertThat(operator.locator("#weight-1")).hasValue("30");
        assertThat(operator.locator("#from-review-note")).containsText("shared by operator");
        assertThat(operator.locator("#preview-resources code.language-diff")).containsText("-      weight: 50");
    }

    @Test
    void aViewerSeesWhyThereIsNothingToClick() {
        live(90, 10, 0);
        String link = share(browser.loggedIn(port, "operator"));

        Page viewer = browser.loggedIn(port, "viewer");
        viewer.navigate(link);
        assertThat(viewer.locator("#review-viewer-note"))
                .hasText("Only operators of bookinfo and admins can open this proposal in a form or apply it.");
        assertThat(viewer.locator("#open-in-form")).hasCount(0);
        assertThat(viewer.locator("#apply-review")).hasCount(0);
        assertThat(viewer.locator("#confirm-review-apply")).hasCount(0);
    }
}
