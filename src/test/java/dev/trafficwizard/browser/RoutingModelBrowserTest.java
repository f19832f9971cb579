package dev.trafficwizard.browser;

import dev.trafficwizard.routing.FormKind;
import com.microsoft.playwright.Page;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Where requests go, as a person sees it: the routes of a service, and the changes flagged before a write. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class RoutingModelBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    @AfterEach
    void cleanUp() {
        AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-webapp", "fleetman-staff-service");
    }

    static Rule byHost(String host, String version) {
        return new Rule(List.of(new MatchCondition(null, null, new StringMatch(host, null, null), null, null)),
                List.of(new WeightedDestination(version, null)));
    }

    @Test
    void subdomainRoutingShowsEachHostAndTheMeshAsTheyAre() {
        AsAdmin.run(() -> workflow.apply(new RoutingPlan("default", "fleetman-staff-service", List.of(),
                new GatewayPlan("fleetman-gateway", true, List.of("fleetman.com", "*.fleetman.com"), 80, false),
                List.of(byHost("experimental.fleetman.com", "risky"), byHost("fleetman.com", "safe")), null),
                null, FormKind.SUBDOMAIN));
        Page page = browser.loggedIn(port, "viewer");
        page.navigate(url("/services/default/fleetman-staff-service"));
        var lines = page.locator("#route-lines");
        assertThat(lines.locator("li[data-entry='mesh|fleetman-staff-service.default.svc.cluster.local']"))
                .containsText("safe 67 %, risky 33 %");
        assertThat(lines.locator("li[data-entry='default/fleetman-gateway|*.fleetman.com']"))
                .containsText("authority = experimental.fleetman.com → risky 100 %");
        assertThat(lines.locator("li[data-entry='default/fleetman-gateway|*.fleetman.com'] .tw-route-otherwise"))
                .containsText("404");
        assertThat(lines.locator("li[data-entry='default/fleetman-gateway|fleetman.com']"))
                .containsText("authority = fleetman.com → safe 100 %");
        var diagram = page.locator("#routes svg.tw-dg");
        assertThat(diagram).isVisible();
        assertThat(diagram.locator("text", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("fleetman.com"))).not().hasCount(0);
        assertThat(diagram.locator("text", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("100 %"))).not().hasCount(0);
        BrowserSupport.screenshot(page, "service-routes");

        page.navigate(url("/services?namespace=default"));
        var row = page.locator("tr[data-service='default/fleetman-staff-service']");
        assertThat(row).not().containsText("Default route");
        assertThat(row.locator(".tw-routes")).containsText("authority = experimental.fleetman.com → risky 100 %");
        BrowserSupport.screenshot(page, "services-routes");
    }

    @Test
    void theConfirmDialogRepeatsThatAGatewayWillBeDeleted() {
        AsAdmin.run(() -> workflow.apply(new RoutingPlan("default", "fleetman-webapp", List.of(),
                new GatewayPlan("webapp-gateway", true, List.of("webapp.example.com"), 80, false),
                List.of(new Rule(List.of(), List.of(new WeightedDestination("original", 90),
                        new WeightedDestination("experimental", 10)))), null), null, FormKind.WEIGHTED));
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url("/services/default/fleetman-webapp/weighted"));
        page.locator("#exposure-mesh").check();
        var flags = page.locator("#what-changes .tw-flag");
        assertThat(flags.locator("[data-code='GATEWAY_DELETED'], :scope[data-code='GATEWAY_DELETED']").first())
                .isVisible();
        assertThat(page.locator("#what-changes")).containsText("Gateway default/webapp-gateway will be deleted");
        assertThat(page.locator("#changes-table")).containsText("webapp.example.com");
        assertThat(page.locator("#apply-button")).containsText("deletes a Gateway");
        assertThat(page.locator("#what-changes svg.tw-dg")).hasCount(2);
        BrowserSupport.openConfirm(page);
        assertThat(page.locator("#confirm-flags")).containsText("Gateway default/webapp-gateway will be deleted");
        assertThat(page.locator("#confirm-flags")).containsText("webapp.example.com");
        BrowserSupport.screenshot(page, "confirm-gateway-deleted");
    }

    @Test
    void aPlanThatWouldRewriteAnotherServicesGatewayIsRefusedNamingThatService() {
        AsAdmin.run(() -> workflow.apply(new RoutingPlan("default", "fleetman-webapp", List.of(),
                new GatewayPlan("shared-gateway", true, List.of("webapp.example.com"), 80, false),
                List.of(new Rule(List.of(), List.of(new WeightedDestination("original", null)))), null),
                null, FormKind.WEIGHTED));
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url("/services/default/fleetman-staff-service/weighted"));
        page.locator("#exposure-section summary").click();
        page.locator("#exposure-new").check();
        page.locator("#gateway-name").fill("shared-gateway");
        page.locator("#gateway-hosts").fill("staff.example.com");
        var error = page.locator("#exposure-errors [data-code='GATEWAY_SHARED']");
        assertThat(error).containsText("default/fleetman-webapp");
        assertThat(error).containsText("webapp.example.com");
        assertThat(page.locator("#apply-button")).isDisabled();
        BrowserSupport.screenshot(page, "form-gateway-shared");

        page.locator("#vs-hosts").fill("staff.example.com");
        page.locator("#gateway-hosts").fill("staff.example.com, webapp.example.com");
        assertThat(page.locator("#exposure-errors [data-code='GATEWAY_SHARED']")).hasCount(0);
        assertThat(page.locator("#apply-button")).isEnabled();
    }
}
