package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The Gateway API in the browser: weighted routing in the ambient demo namespace is written as an
 * HTTPRoute with version Services, and a service routed with Istio's API moves to the Gateway API
 * with the same shares, the diagram before and after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class GatewayApiBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    @AfterEach
    void removeRouting() {
        AsAdmin.removeManagedRouting(catalog, workflow, "ambient", "payments");
        AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service");
    }

    @Test
    void weightedRoutingInTheAmbientNamespaceIsAnHttpRouteWithVersionServices() {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/ambient/payments"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create Weighted Routing")).click();
        assertThat(page.locator("#api-select")).hasValue("auto");
        assertThat(page.locator("#api-choice")).containsText("Written with: Gateway API (HTTPRoute)");
        assertThat(page.locator("#api-choice")).containsText("ambient mode");
        page.locator("#weight-0").fill("80");
        page.locator("#weight-1").fill("20");
        assertThat(page.locator("#preview-yaml")).containsText("kind: HTTPRoute");
        assertThat(page.locator("#preview-yaml")).containsText("name: payments-v2");
        assertThat(page.locator("#preview-yaml")).containsText("weight: 20");
        BrowserSupport.screenshot(page, "gateway-api-wizard");

        BrowserSupport.openConfirm(page);
        Locator dialog = page.locator("#confirm-apply");
        assertThat(dialog).containsText("Service ambient/payments-v1");
        assertThat(dialog).containsText("Service ambient/payments-v2");
        assertThat(dialog).containsText("HTTPRoute ambient/payments");
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");

        page.navigate(url("/services/ambient/payments"));
        assertThat(page.locator("#routing-api")).hasText("Written with: Gateway API (HTTPRoute)");
        assertThat(page.locator("#routing-state")).hasText("Managed by Traffic Wizard");
        assertThat(page.locator("#route-lines li[data-entry='mesh|payments.ambient.svc.cluster.local']"))
                .containsText("v1 80 %, v2 20 %");
        assertThat(page.locator("#live-yaml")).containsText("kind: HTTPRoute");
        BrowserSupport.screenshot(page, "gateway-api-service");

        // the version Services are part of the service, not services of their own
        page.navigate(url("/services?namespace=ambient"));
        assertThat(page.locator("tr[data-service]")).hasCount(2);
    }

    @Test
    void aServiceRoutedWithIstioMovesToTheGatewayApiWithTheSameShares() {
        AsAdmin.run(() -> workflow.apply(RoutingPlan.weighted("default", "fleetman-staff-service", List.of(
                new WeightedDestination("safe", 90), new WeightedDestination("risky", 10))), null, FormKind.WEIGHTED));
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/default/fleetman-staff-service"));
        assertThat(page.locator("#routing-api")).hasText("Written with: Istio (VirtualService, DestinationRule)");
        Locator mesh = page.locator("#route-lines li[data-entry='mesh|fleetman-staff-service.default.svc.cluster.local']");
        assertThat(mesh).containsText("safe 90 %, risky 10 %");
        assertThat(page.locator("#routes svg.tw-dg")).isVisible();
        BrowserSupport.screenshot(page, "move-before");

        page.locator("#move-to-gateway-api").click();
        assertThat(page.locator("#api-select")).hasValue("gateway-api");
        assertThat(page.locator("#weight-0")).hasValue("90");
        assertThat(page.locator("#preview-resources")).containsText("HTTPRoute");
        assertThat(page.locator("#preview-resources")).containsText("delete");
        BrowserSupport.screenshot(page, "move-preview");
        BrowserSupport.openConfirm(page);
        Locator dialog = page.locator("#confirm-apply");
        assertThat(dialog).containsText("VirtualService default/fleetman-staff-service");
        assertThat(dialog).containsText("HTTPRoute default/fleetman-staff-service");
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");

        page.navigate(url("/services/default/fleetman-staff-service"));
        assertThat(page.locator("#routing-api")).hasText("Written with: Gateway API (HTTPRoute)");
        assertThat(mesh).containsText("safe 90 %, risky 10 %");
        assertThat(page.locator("#routes svg.tw-dg")).isVisible();
        assertThat(page.locator("#move-to-gateway-api")).hasCount(0);
        BrowserSupport.screenshot(page, "move-after");
    }

    @Test
    void theUriFormThroughANewGatewaySaysWherePrefixesAndStickyHashingDiffer() {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/ambient/inventory/uri"));
        assertThat(page.locator("#api-choice")).containsText("Gateway API");
        page.locator("textarea[name='rules[0].value']").fill("/canary");
        page.locator("select[name='rules[0].version']").selectOption("canary");
        page.locator("#exposure-section summary").click();
        page.locator("#exposure-new").check();
        page.locator("#gateway-name").fill("inventory-gateway");
        page.locator("#gateway-hosts").fill("shop.ambient.example.com");
        assertThat(page.locator("#preview-resources")).containsText("Gateway ambient/inventory-gateway");
        assertThat(page.locator("#preview-yaml")).containsText("gatewayClassName: istio");
        assertThat(page.locator("#preview-yaml")).containsText("type: PathPrefix");
        assertThat(page.locator("#rule-error-0")).containsText("whole path segments");

        page.locator("#sticky-section summary").click();
        assertThat(page.locator("#sticky-api-note")).containsText("istio/istio#55839");
        page.locator("#sticky-mode").selectOption("header");
        page.locator("#sticky-header").fill("x-user");
        assertThat(page.locator("#sticky-errors")).containsText("no Gateway API equivalent");
        assertThat(page.locator("#apply-button")).isDisabled();
        BrowserSupport.screenshot(page, "gateway-api-uri-sticky");
        page.locator("#sticky-mode").selectOption("none");
        assertThat(page.locator("#apply-button")).isEnabled();

        page.locator("#sim-outside").check();
        page.locator("#sim-host").fill("shop.ambient.example.com");
        page.locator("#sim-path").fill("/canary/cart");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-shares")).hasText("canary 100 %");
        page.locator("#sim-path").fill("/canaryfoo");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-shares")).not().hasText("canary 100 %");
        BrowserSupport.screenshot(page, "gateway-api-uri");
    }

    @Test
    void theGatewayApiFormReadsInKoreanOnAPhone() {
        Page page = browser.loggedIn(port, "admin");
        page.setViewportSize(390, 844);
        page.navigate(url("/services/ambient/payments/weighted?lang=ko"));
        assertThat(page.locator("#api-choice")).containsText("작성 방식: Gateway API (HTTPRoute 방식)");
        assertThat(page.locator("#api-choice")).containsText("ambient 모드");
        page.locator("#sticky-section summary").click();
        assertThat(page.locator("#sticky-api-note")).containsText("일관 해싱");
        Object width = page.evaluate("() => document.documentElement.scrollWidth");
        org.assertj.core.api.Assertions.assertThat(((Number) width).intValue()).as("no sideways scroll")
                .isLessThanOrEqualTo(390);
        BrowserSupport.screenshot(page, "gateway-api-form-390-ko");
    }
}
