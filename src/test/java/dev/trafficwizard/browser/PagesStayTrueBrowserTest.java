package dev.trafficwizard.browser;

import dev.trafficwizard.routing.FormKind;
import com.microsoft.playwright.Page;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each write refreshes what it changed: delete on the service page, apply and a 409 on the form;
 * viewers get "Preview …" links and no Apply. Console errors (CSP violations, htmx errors such as
 * htmx:oobErrorNoTarget) fail the tests that watch them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class PagesStayTrueBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    @AfterEach
    void removeRouting() {
        AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service", "fleetman-webapp");
    }

    /** Console errors and failed requests' htmx error events, collected from the moment of the call. */
    static List<String> consoleErrors(Page page) {
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.text().contains("htmx:oobErrorNoTarget")) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);
        return errors;
    }

    private void applyAsAdmin(String service, String first, int firstWeight, String second, int secondWeight) {
        RoutingPlan plan = new RoutingPlan("default", service, List.of(), null, List.of(new Rule(List.of(),
                List.of(new WeightedDestination(first, firstWeight), new WeightedDestination(second, secondWeight)))),
                null);
        AsAdmin.run(() -> workflow.apply(plan, null, FormKind.WEIGHTED));
    }

    @Test
    void afterDeleteTheServicePageShowsNoRoutingWithoutAReload() {
        applyAsAdmin("fleetman-staff-service", "safe", 90, "risky", 10);
        Page page = browser.loggedIn(port, "operator");
        List<String> errors = consoleErrors(page);
        page.navigate(url("/services/default/fleetman-staff-service"));
        assertThat(page.locator("#routing-state")).hasText("Managed by Traffic Wizard");
        assertThat(page.locator("#live-yaml")).containsText("weight: 90");

        page.locator("#delete-action").click();
        page.locator("#confirm-delete-button").click();

        assertThat(page.locator("#action-result")).containsText("Routing removed.");
        assertThat(page.locator("#routing-state")).hasText("No routing");
        assertThat(page.locator("#edit-action")).hasCount(0);
        assertThat(page.locator("#delete-action")).hasCount(0);
        assertThat(page.locator("#live-yaml")).hasCount(0);
        assertThat(page.locator("#action-weighted")).hasText("Create Weighted Routing");
        assertThat(page.locator("#versions")).containsText("67 % round robin");
        assertThat(page.locator(".modal-backdrop")).hasCount(0);
        BrowserSupport.screenshot(page, "flows-after-delete");
        assertThat(errors).isEmpty();
    }

    @Test
    void afterApplyTheHintSaysEditingAndTheConsoleStaysClean() {
        Page page = browser.loggedIn(port, "operator");
        List<String> errors = consoleErrors(page);
        page.navigate(url("/services/default/fleetman-staff-service/weighted"));
        assertThat(page.locator("#form-hint")).containsText("Starting from today's split");
        assertThat(page.locator("#checks-ok")).hasText("All checks pass.");
        page.locator("#weight-0").fill("80");
        page.locator("#weight-1").fill("20");
        assertThat(page.locator("#preview-yaml")).containsText("weight: 80");

        BrowserSupport.openConfirm(page);
        page.locator("#confirm-apply-button").click();

        assertThat(page.locator("#apply-result")).containsText("Routing applied.");
        assertThat(page.locator("#form-hint")).hasText("Editing the live routing (managed by Traffic Wizard).");
        assertThat(page.locator("#apply-button")).isDisabled();
        assertThat(page.locator("#apply-bar")).containsText("Nothing to do");
        BrowserSupport.screenshot(page, "flows-after-apply");
        assertThat(errors).isEmpty();
    }

    @Test
    void afterAConflictApplyIsDisabledTheDiffIsGoneAndPreviewAgainBringsThemBack() {
        applyAsAdmin("fleetman-staff-service", "safe", 90, "risky", 10);
        Page page = browser.loggedIn(port, "operator");
        List<String> errors = consoleErrors(page);
        page.navigate(url("/services/default/fleetman-staff-service/weighted"));
        page.locator("#weight-0").fill("70");
        page.locator("#weight-1").fill("30");
        assertThat(page.locator("#preview-yaml")).containsText("weight: 70");
        // someone else changes the routing meanwhile
        applyAsAdmin("fleetman-staff-service", "safe", 50, "risky", 50);

        BrowserSupport.openConfirm(page);
        page.locator("#confirm-apply-button").click();

        assertThat(page.locator("#apply-result [data-outcome='conflict']")).isVisible();
        assertThat(page.locator("#apply-button")).isDisabled();
        assertThat(page.locator("#preview-yaml")).hasCount(0);
        assertThat(page.locator("#preview-stale")).containsText("Preview again");
        assertThat(page.locator("#stale-note")).hasText("Apply waits for a new preview.");
        assertThat(page.locator(".modal-backdrop")).hasCount(0);
        BrowserSupport.screenshot(page, "flows-after-conflict");

        page.locator("#preview-again").click();
        assertThat(page.locator("#preview-yaml")).containsText("weight: 70");
        assertThat(page.locator("#preview-resources code.language-diff")).containsText("-      weight: 50");
        assertThat(page.locator("#apply-button")).isEnabled();
        BrowserSupport.openConfirm(page);
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");
        assertThat(errors).isEmpty();
    }

    @Test
    void aViewerGetsPreviewLinksAndAFormWithoutApply() {
        Page page = browser.loggedIn(port, "viewer");
        page.navigate(url("/services/default/fleetman-webapp"));
        assertThat(page.locator("#actions a.btn")).hasText(new String[]{"Preview weighted routing",
                "Preview header routing", "Preview URI prefix routing", "Preview subdomain routing",
                "Preview dark release", "Preview routing rules", "History"});
        page.locator("#preview-header").click();
        assertThat(page.locator("h1")).hasText("Header routing");
        assertThat(page.locator("#preview-yaml")).isVisible();
        assertThat(page.locator("#apply-button")).hasCount(0);
        assertThat(page.locator("#viewer-note")).isVisible();
        BrowserSupport.screenshot(page, "flows-viewer-form");

        applyAsAdmin("fleetman-webapp", "original", 90, "experimental", 10);
        page.navigate(url("/services/default/fleetman-webapp"));
        assertThat(page.locator("#actions a.btn")).hasText(new String[]{"Preview weighted routing", "History"});
    }
}
