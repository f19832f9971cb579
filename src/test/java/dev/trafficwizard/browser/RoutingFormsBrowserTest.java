package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Each routing form as a person uses it: fill, see the YAML and the checks, simulate, apply. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class RoutingFormsBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void removeRouting() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service", "fleetman-webapp");
        var gateways = client.adapt(IstioClient.class).v1().gateways().inNamespace("default");
        gateways.list().getItems().stream().filter(Managed::isManaged).forEach(g -> gateways.resource(g).delete());
    }

    Page open(String path) {
        Page page = browser.loggedIn(port, "admin");
        page.navigate("http://localhost:" + port + path);
        return page;
    }

    void apply(Page page) {
        BrowserSupport.openConfirm(page);
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");
        assertThat(page.locator(".modal-backdrop")).hasCount(0);
    }

    @Test
    void headerRoutingWithABadRuleShownBesideItThenAppliedAndSimulated() {
        Page page = open("/services/default/fleetman-webapp");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Header routing")).click();
        assertThat(page.locator("h1")).hasText("Header routing");
        page.locator("input[name='rules[0].name']").fill("x-my-header");
        page.locator("input[name='rules[0].value']").fill("canary");
        assertThat(page.locator("#preview-yaml")).containsText("x-my-header:\n          exact: canary");
        assertThat(page.locator("#rule-error-0")).containsText("every service on the call path must copy");

        page.locator("#add-rule").click();
        page.locator("input[name='rules[1].name']").fill("x-second");
        page.locator("[data-row] >> nth=1").locator("[data-row-up]").click();
        assertThat(page.locator("input[name='rules[0].name']")).hasValue("x-second");
        assertThat(page.locator("input[name='rules[1].name']")).hasValue("x-my-header");
        assertThat(page.locator("#preview-yaml")).containsText("x-second");
        page.locator("[data-row] >> nth=0").locator("[data-row-down]").click();
        assertThat(page.locator("input[name='rules[1].name']")).hasValue("x-second");
        page.locator("input[name='rules[1].name']").fill("X My Header");
        assertThat(page.locator("#rule-error-1")).containsText("X My Header");
        assertThat(page.locator("#apply-button")).isDisabled();
        BrowserSupport.screenshot(page, "form-header-error");

        page.locator("[data-row] >> nth=1").locator("[data-row-remove]").click();
        assertThat(page.locator("input[name='rules[1].name']")).hasCount(0);
        assertThat(page.locator("#apply-button")).isEnabled();
        apply(page);

        page.locator("#sim-headers").fill("x-my-header: canary");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-outcome")).hasText("Routed");
        assertThat(page.locator("#sim-shares")).hasText("experimental 100 %");
        BrowserSupport.screenshot(page, "form-header");

        page.navigate("http://localhost:" + port + "/services/default/fleetman-webapp");
        page.locator("#sim-headers").fill("x-my-header: canary");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-shares")).hasText("experimental 100 %");
        page.locator("#sim-headers").fill("");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-shares")).hasText("original 100 %");
        BrowserSupport.screenshot(page, "service-simulator");
        assertThat(page.locator("#edit-action")).hasText("Edit Header Routing");
        page.locator("#edit-action").click();
        assertThat(page.locator("input[name='rules[0].name']")).hasValue("x-my-header");
        assertThat(page.locator("input[name='rules[0].value']")).hasValue("canary");
    }

    @Test
    void whatIsTypedBeforeTheScriptsRunStillReachesThePreview() {
        Page page = browser.loggedIn(port, "admin");
        page.route("**/htmx.min.js", route -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            route.resume();
        });
        page.navigate("http://localhost:" + port + "/services/default/fleetman-webapp/header",
                new Page.NavigateOptions().setWaitUntil(com.microsoft.playwright.options.WaitUntilState.COMMIT));
        page.locator("input[name='rules[0].name']").fill("x-early-bird");
        assertThat(page.locator("html[data-tw-ready]")).hasCount(1);
        assertThat(page.locator("#preview-yaml")).containsText("x-early-bird");
    }

    @Test
    void uriPrefixesThroughANewGatewayThenSimulatedFromOutside() {
        Page page = open("/services/default/fleetman-webapp/uri");
        page.locator("textarea[name='rules[0].value']").fill("/experimental\n/canary");
        page.locator("select[name='rules[0].version']").selectOption("experimental");
        page.locator("#exposure-section summary").click();
        page.locator("#exposure-new").check();
        page.locator("#gateway-name").fill("ingress-gateway-configuration");
        page.locator("#gateway-hosts").fill("*");
        assertThat(page.locator("#preview-resources")).containsText("Gateway default/ingress-gateway-configuration");
        assertThat(page.locator("#preview-yaml")).containsText("prefix: /canary");
        apply(page);
        assertThat(page.locator("#apply-result")).containsText("Gateway default/ingress-gateway-configuration");

        page.locator("#sim-outside").check();
        page.locator("#sim-host").fill("fleetman.example");
        page.locator("#sim-path").fill("/canary/index.html");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-shares")).hasText("experimental 100 %");
        page.locator("#sim-path").fill("/");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-shares")).hasText("original 100 %");
        BrowserSupport.screenshot(page, "form-uri");
    }

    @Test
    void subdomainRoutingCreatesTheGatewayForTheDomainAndItsWildcard() {
        Page page = open("/services/default/fleetman-webapp/subdomain");
        page.locator("#domain").fill("fleetman.com");
        page.locator("input[name='hostRoutes[0].host']").fill("fleetman.com");
        page.locator("input[name='hostRoutes[1].host']").fill("experimental.fleetman.com");
        assertThat(page.locator("#preview-yaml")).containsText("- '*.fleetman.com'");
        page.locator("input[name='hostRoutes[1].host']").fill("experimental.other.com");
        assertThat(page.locator("#rule-error-1")).containsText("Requests for experimental.other.com never reach");
        assertThat(page.locator("#apply-button")).isDisabled();
        page.locator("input[name='hostRoutes[1].host']").fill("experimental.fleetman.com");
        assertThat(page.locator("#rule-error-1")).isEmpty();
        apply(page);

        page.locator("#sim-outside").check();
        page.locator("#sim-host").fill("experimental.fleetman.com");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-shares")).hasText("experimental 100 %");
        page.locator("#sim-host").fill("shop.other.com");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-outcome")).hasText("404: no gateway serves this host");
        BrowserSupport.screenshot(page, "form-subdomain");
    }

    @Test
    void darkReleaseSaysWhichHeaderEveryServiceMustForward() {
        Page page = open("/services/default/fleetman-staff-service/dark");
        assertThat(page.locator("#propagation-note")).containsText("must copy this header");
        page.locator("#dark-header").fill("x-dark-release");
        page.locator("#dark-value").fill("on");
        page.locator("#dark-version").selectOption("risky");
        page.locator("#default-version").selectOption("safe");
        assertThat(page.locator("#rule-error-0")).containsText("x-dark-release");
        assertThat(page.locator("#preview-yaml")).containsText("x-dark-release:\n          exact: \"on\"");
        apply(page);
        BrowserSupport.screenshot(page, "form-dark");

        page.locator("#sim-headers").fill("x-dark-release: on");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-shares")).hasText("risky 100 %");
        var vs = catalog.service("default", "fleetman-staff-service").orElseThrow().virtualService();
        assertThat(vs.getSpec().getGateways()).isNullOrEmpty();
    }

    @Test
    void stickySessionsOnAWeightedSplitWarnUntilVersionsArePinned() {
        Page page = open("/services/default/fleetman-staff-service/weighted");
        page.locator("#weight-0").fill("90");
        page.locator("#weight-1").fill("10");
        page.locator("#sticky-section summary").click();
        page.locator("#sticky-mode").selectOption("header");
        page.locator("#sticky-header").fill("x-myval");
        assertThat(page.locator("#sticky-errors")).containsText("at random");
        assertThat(page.locator("#preview-yaml")).containsText("httpHeaderName: x-myval");
        BrowserSupport.screenshot(page, "form-sticky-warning");
        page.locator("#keep-versions").check();
        assertThat(page.locator("#sticky-errors")).isEmpty();
        assertThat(page.locator("#preview-yaml")).containsText("Set-Cookie: tw-version=risky; Path=/");
        apply(page);
    }

    @Test
    void aRegexEnvoyCannotRunIsRefused() {
        Page page = open("/services/default/fleetman-webapp/header");
        page.locator("select[name='rules[0].op']").selectOption("regex");
        page.locator("input[name='rules[0].value']").fill("^(?!internal).*");
        assertThat(page.locator("#rule-error-0")).containsText("(?!");
        assertThat(page.locator("#apply-button")).isDisabled();
    }
}
