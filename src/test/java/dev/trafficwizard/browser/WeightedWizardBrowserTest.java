package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** What a release manager clicks: services page, service page, the weighted wizard, apply. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class WeightedWizardBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    @AfterEach
    void removeRouting() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service", "fleetman-webapp");
    }

    @Test
    void releaseManagerSplitsNinetyTenAppliesAndReopensTheWizardWithTheLiveWeights() {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services"));
        assertThat(page.locator("#demo-badge")).hasText("Demo cluster");
        Locator staffRow = page.locator("tr[data-service='default/fleetman-staff-service']");
        assertThat(staffRow.locator(".tw-version")).hasText(new String[]{"safe 2/2", "risky 1/1"});
        assertThat(staffRow.locator(".tw-split .progress-bar")).hasText(new String[]{"safe 67 %", "risky 33 %"});
        assertThat(staffRow).containsText("No routing");
        BrowserSupport.screenshot(page, "services");

        staffRow.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("fleetman-staff-service")).click();
        assertThat(page.locator("h1")).containsText("fleetman-staff-service");
        assertThat(page.locator("#versions")).containsText("67 % round robin");
        BrowserSupport.screenshot(page, "service-no-routing");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create Weighted Routing")).click();
        assertThat(page.locator("#weight-0")).hasValue("67");
        page.locator("#weight-0").fill("90");
        page.locator("#weight-1").fill("10");
        assertThat(page.locator("#weight-sum")).hasText("100 %");
        assertThat(page.locator("#preview-yaml")).containsText("subset: safe\n      weight: 90");
        assertThat(page.locator("#preview-yaml")).containsText("subset: risky\n      weight: 10");
        assertThat(page.locator("#preview-resources")).containsText("create");
        BrowserSupport.screenshot(page, "wizard-90-10");

        BrowserSupport.openConfirm(page);
        Locator dialog = page.locator("#confirm-apply");
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText("DestinationRule default/fleetman-staff-service");
        assertThat(dialog).containsText("VirtualService default/fleetman-staff-service");
        BrowserSupport.screenshot(page, "wizard-confirm");
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");
        assertThat(page.locator("#apply-result")).containsText("created");
        assertThat(dialog).isHidden();
        assertThat(page.locator(".modal-backdrop")).hasCount(0);
        assertThat(page.locator("#apply-button")).isDisabled();
        assertThat(page.locator("#apply-bar")).containsText("Nothing to do");
        BrowserSupport.screenshot(page, "wizard-applied");

        page.locator("#apply-result a").click();
        assertThat(page.locator("#routing-state")).hasText("Managed by Traffic Wizard");
        assertThat(page.locator("#live-yaml")).containsText("weight: 90");
        assertThat(page.locator("#versions tbody tr")).hasText(new String[]{
                "safe staff-service-safe 2 / 2 90 % by routing 18.0 req/s 99.5 % ok p99 80 ms",
                "risky staff-service-risky 1 / 1 10 % by routing 2.0 req/s 99.5 % ok p99 80 ms"});
        BrowserSupport.screenshot(page, "service-managed");
        page.navigate(url("/services?q=staff"));
        assertThat(page.locator("tr[data-service='default/fleetman-staff-service'] .tw-split .progress-bar"))
                .hasText(new String[]{"safe 90 %", "risky 10 %"});
        assertThat(page.locator("tr[data-service='default/fleetman-staff-service']"))
                .containsText("Managed by Traffic Wizard");
        page.goBack();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit Weighted Routing")).click();
        assertThat(page.locator("#weight-0")).hasValue("90");
        assertThat(page.locator("#weight-1")).hasValue("10");
        page.locator("#split-evenly").click();
        assertThat(page.locator("#weight-0")).hasValue("50");
        assertThat(page.locator("#preview-yaml")).containsText("weight: 50");
        assertThat(page.locator("#preview-resources")).containsText("update");
        BrowserSupport.openConfirm(page);
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("updated");

        var route = catalog.service("default", "fleetman-staff-service").orElseThrow().virtualService()
                .getSpec().getHttp().get(0).getRoute();
        assertThat(route).extracting(r -> r.getWeight()).containsExactly(50, 50);
    }

    @Test
    void aWeightOutsideZeroToHundredIsShownBesideItsRowAndBlocksApply() {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/default/fleetman-webapp/weighted"));
        page.locator("#weight-0").fill("80");
        // #13: the other version follows, so the sum stays 100 %
        assertThat(page.locator("#weight-1")).hasValue("20");
        assertThat(page.locator("#weight-sum")).hasText("100 %");

        page.locator("#weight-1").fill("150");
        assertThat(page.locator("#weight-error-1")).containsText("between 0 and 100, not 150");
        assertThat(page.locator("#weight-0")).hasValue("80");
        assertThat(page.locator("#apply-button")).isDisabled();
        BrowserSupport.screenshot(page, "wizard-sum-error");
        page.locator("#weight-1").fill("");
        assertThat(page.locator("#weight-error-1")).containsText("Enter a weight from 0 to 100.");

        page.locator("#weight-1").fill("20");
        assertThat(page.locator("#weight-sum")).hasText("100 %");
        assertThat(page.locator("#route-errors")).not().containsText("add up to");
        assertThat(page.locator("#weight-error-1")).isEmpty();
        assertThat(page.locator("#apply-button")).isEnabled();
    }

    @Test
    void aColleaguesChangeInBetweenIsAConflictAndNothingIsOverwritten() {
        Page mine = browser.loggedIn(port, "admin");
        Page colleague = browser.loggedIn(port, "admin");
        mine.navigate(url("/services/default/fleetman-webapp/weighted"));
        colleague.navigate(url("/services/default/fleetman-webapp/weighted"));

        colleague.locator("#weight-0").fill("90");
        colleague.locator("#weight-1").fill("10");
        assertThat(colleague.locator("#weight-sum")).hasText("100 %");
        BrowserSupport.openConfirm(colleague);
        colleague.locator("#confirm-apply-button").click();
        assertThat(colleague.locator("#apply-result")).containsText("Routing applied.");

        mine.locator("#weight-0").fill("0");
        mine.locator("#weight-1").fill("100");
        assertThat(mine.locator("#weight-sum")).hasText("100 %");
        BrowserSupport.openConfirm(mine);
        mine.locator("#confirm-apply-button").click();
        assertThat(mine.locator("#apply-result")).containsText("Someone changed the routing of this service");
        assertThat(mine.locator(".modal-backdrop")).hasCount(0);
        BrowserSupport.screenshot(mine, "wizard-conflict");

        var route = catalog.service("default", "fleetman-webapp").orElseThrow().virtualService()
                .getSpec().getHttp().get(0).getRoute();
        assertThat(route).extracting(r -> r.getWeight()).containsExactly(90, 10);
    }
}
