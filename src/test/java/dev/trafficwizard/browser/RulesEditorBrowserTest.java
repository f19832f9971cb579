package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * #16 the routing rules editor in the browser: the issue's example built with the keyboard only,
 * applied and reopened; outlier detection on a service; rules moved with Alt+Arrow keys; the editor
 * in Korean on a phone. Assertions marked "builder" need the Istio builder/parser of #16 (mirror,
 * timeout and traffic policy written and read back).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class RulesEditorBrowserTest extends BrowserTestBase {


    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    @AfterEach
    void removeRouting() {
        AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews", "productpage");
    }

    @Test
    void theIssuesExampleIsBuiltWithTheKeyboardOnlyAppliedAndReopened() {
        Page page = browser.loggedIn(port, "admin");
        page.setViewportSize(1280, 900);
        page.navigate(url("/services/bookinfo/reviews/rules"));
        settle(page);
        tabTo(page, "add-rule");
        page.keyboard().press("Enter");
        focused(page, "c-0-0-0-field");
        // header x-beta: true
        page.keyboard().press("Tab");
        focused(page, "c-0-0-0-name");
        page.keyboard().type("x-beta");
        page.keyboard().press("Enter"); // never submits the form
        page.keyboard().press("Tab");
        focused(page, "c-0-0-0-op");
        page.keyboard().press("Tab");
        focused(page, "c-0-0-0-value");
        page.keyboard().type("true");
        // → v2
        tabTo(page, "w-0-1");
        page.keyboard().press("Control+A");
        page.keyboard().type("100");
        assertThat(page.locator("#w-0-0")).hasValue("0");
        // else 90/10 v1/v2
        tabTo(page, "w-1-1");
        page.keyboard().press("Control+A");
        page.keyboard().type("10");
        assertThat(page.locator("#w-1-0")).hasValue("90");
        assertThat(page.locator("#w-1-2")).hasValue("0");
        // with 10 % mirrored to v3 and a 2 s timeout
        tabTo(page, "res-1-summary");
        page.keyboard().press("Enter");
        tabTo(page, "m-1-version");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        assertThat(page.locator("#m-1-version")).hasValue("v3");
        page.keyboard().press("Tab");
        focused(page, "m-1-percent");
        page.keyboard().type("10");
        tabTo(page, "t-1");
        page.keyboard().type("2s");
        settle(page);
        assertThat(page.locator("#preview-yaml")).containsText("x-beta");
        assertThat(page.locator("#preview-yaml")).containsText("weight: 90");
        BrowserSupport.screenshot(page, "rules-editor-page");
        BrowserSupport.part(page.locator("#rules-editor"), "rules-editor");
        

        tabTo(page, "apply-button");
        page.keyboard().press("Enter");
        page.locator("#confirm-apply").waitFor();
        tabTo(page, "confirm-apply-button");
        page.keyboard().press("Enter");
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");

        page.navigate(url("/services/bookinfo/reviews"));
        assertThat(page.locator("#edit-action")).hasText("Edit Routing Rules");
        page.locator("#edit-action").click();
        assertThat(page.locator("#c-0-0-0-name")).hasValue("x-beta");
        assertThat(page.locator("#c-0-0-0-value")).hasValue("true");
        assertThat(weight(page, 0, "v2")).hasValue("100");
        assertThat(weight(page, 1, "v1")).hasValue("90");
        assertThat(weight(page, 1, "v2")).hasValue("10");
        // builder: the mirror and the timeout are written and read back
        assertThat(page.locator("#m-1-version")).hasValue("v3");
        assertThat(page.locator("#m-1-percent")).hasValue("10");
        assertThat(page.locator("#t-1")).hasValue("2s");
    }

    @Test
    void outlierDetectionIsSetOnAServiceAndReopened() {
        Page page = browser.loggedIn(port, "admin");
        page.setViewportSize(1280, 900);
        page.navigate(url("/services/bookinfo/productpage/rules"));
        settle(page);
        page.locator("#p-all-5xx").fill("5");
        page.locator("#p-all-interval").fill("10s");
        page.locator("#p-all-ejection").fill("30s");
        settle(page);
        assertThat(page.locator("#checks-ok")).isVisible();
        page.locator("#policy-section").scrollIntoViewIfNeeded();
        BrowserSupport.part(page.locator("#policy-section"), "traffic-policy");
        BrowserSupport.openConfirm(page);
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");

        page.navigate(url("/services/bookinfo/productpage/rules"));
        // builder: the DestinationRule's outlierDetection is written and read back
        assertThat(page.locator("#p-all-5xx")).hasValue("5");
        assertThat(page.locator("#p-all-interval")).hasValue("10s");
        assertThat(page.locator("#p-all-ejection")).hasValue("30s");
    }

    @Test
    void rulesMoveWithAltArrowKeys() {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/bookinfo/reviews/rules"));
        settle(page);
        tabTo(page, "add-rule");
        page.keyboard().press("Enter");
        focused(page, "c-0-0-0-field");
        page.keyboard().press("Tab");
        page.keyboard().type("x-first");
        tabTo(page, "add-rule");
        page.keyboard().press("Enter");
        focused(page, "c-1-0-0-field");
        page.keyboard().press("Tab");
        page.keyboard().type("x-second");
        assertThat(page.locator("#rule-0-up")).isDisabled();
        assertThat(page.locator("#rule-1-down")).isDisabled();

        page.locator("#c-0-0-0-name").focus();
        page.keyboard().press("Alt+ArrowDown");
        focused(page, "rule-1-up");
        assertThat(page.locator("#c-0-0-0-name")).hasValue("x-second");
        assertThat(page.locator("#c-1-0-0-name")).hasValue("x-first");
        page.keyboard().press("Alt+ArrowUp");
        focused(page, "rule-0-down");
        assertThat(page.locator("#c-0-0-0-name")).hasValue("x-first");
        // the catch-all does not move
        assertThat(page.locator("#rule-2-up")).hasCount(0);
        page.keyboard().press("Enter");
        focused(page, "rule-1-up");
        assertThat(page.locator("#c-1-0-0-name")).hasValue("x-first");
    }

    @Test
    void theEditorReadsInKoreanOnAPhone() {
        Page page = browser.loggedIn(port, "admin");
        page.setViewportSize(390, 844);
        page.navigate(url("/services/bookinfo/reviews/rules?lang=ko"));
        settle(page);
        page.locator("#add-rule").click();
        assertThat(page.locator("#rule-1-title")).hasText("그 밖의 모든 요청");
        page.locator("#res-0-summary").click();
        page.locator("#m-0-version").selectOption("v3");
        settle(page);
        Object width = page.evaluate("() => document.documentElement.scrollWidth");
        org.assertj.core.api.Assertions.assertThat(((Number) width).intValue()).as("no sideways scroll")
                .isLessThanOrEqualTo(390);
        Set<String> english = KoreanText.englishOn(page, KoreanText.clusterNames(catalog));
        org.assertj.core.api.Assertions.assertThat(english).as("English on the Korean editor").isEmpty();
        BrowserSupport.screenshot(page, "rules-editor-390-ko");
        
        
    }

    private static void settle(Page page) {
        page.waitForFunction("() => document.documentElement.getAttribute('data-tw-ready') === 'true'"
                + " && !document.querySelector('.htmx-request')");
    }

    /** Presses Tab (at most 200 times) until the element with {@code id} has the focus. */
    private static void tabTo(Page page, String id) {
        settle(page);
        for (int i = 0; i < 200; i++) {
            if (id.equals(page.evaluate("() => document.activeElement && document.activeElement.id"))) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private static void focused(Page page, String id) {
        page.waitForFunction("id => document.activeElement && document.activeElement.id === id", id);
    }

    /** The weight input of {@code version} in rule {@code i} (rows follow the live route's order). */
    private static Locator weight(Page page, int i, String version) {
        return page.locator("#route-" + i + " .tw-weight-row[data-version='" + version + "'] input[type=number]");
    }
}
