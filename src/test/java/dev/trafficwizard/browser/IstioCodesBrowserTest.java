package dev.trafficwizard.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.istio.api.api.networking.v1alpha3.Port;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The preview's checks as Istio's analyzer would word them: a path prefix rule hidden by a wider
 * one before it (IST0131) and a Gateway another Gateway already serves the host of (IST0145), each
 * beside its field with Istio's code linking to Istio's page for it, in English and Korean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class IstioCodesBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void removeRouting() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-webapp");
        client.adapt(IstioClient.class).v1().gateways().inNamespace("istio-system").withName("public-gateway").delete();
    }

    private Page uriForm(boolean korean) {
        Page page = browser.loggedIn(port, "admin");
        if (korean) {
            page.locator("#lang-ko").click();
            assertThat(page.locator("html")).hasAttribute("lang", "ko");
        }
        page.navigate(url("/services/default/fleetman-webapp/uri"));
        page.locator("textarea[name='rules[0].value']").fill("/api");
        page.locator("select[name='rules[0].version']").selectOption("experimental");
        page.locator("#add-rule").click();
        page.locator("textarea[name='rules[1].value']").fill("/api/v1");
        return page;
    }

    @Test
    void aPrefixHiddenByAWiderOneBeforeItIsShownWithIstiosCode() {
        Page page = uriForm(false);
        var warning = page.locator("#rule-error-1 [data-code='INEFFECTIVE_MATCH']");
        assertThat(warning).containsText("Condition 1 of rule 2 (path prefix /api/v1) is never used: "
                + "condition 1 of rule 1 (path prefix /api) comes first");
        var code = warning.locator("a[data-istio-code='IST0131']");
        assertThat(code).hasText("IST0131");
        assertThat(code).hasAttribute("href", "https://istio.io/latest/docs/reference/config/analysis/ist0131/");
        assertThat(code).hasAttribute("target", "_blank");
        assertThat(page.locator("#apply-button")).isEnabled();
        warning.scrollIntoViewIfNeeded();
        BrowserSupport.screenshot(page, "istio-code-ineffective-match");
        assertAccessible(page);
    }

    /** axe-core on the whole page, the preview's diagram included (it scrolls, and takes the focus, on a phone). */
    private static void assertAccessible(Page page) {
        List<Rule> found = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze().getViolations();
        org.assertj.core.api.Assertions.assertThat(found).as(() -> PageTourBrowserTest.describe(found)).isEmpty();
    }

    @Test
    void inKoreanAndOnAPhoneToo() {
        Page page = uriForm(true);
        page.setViewportSize(390, 844);
        var warning = page.locator("#rule-error-1 [data-code='INEFFECTIVE_MATCH']");
        assertThat(warning).containsText("경로 접두사 /api/v1");
        assertThat(warning.locator("a[data-istio-code='IST0131']")).hasAttribute("title",
                "Istio 분석 메시지 IST0131 문서(새 탭에서 열림)");
        warning.scrollIntoViewIfNeeded();
        BrowserSupport.screenshot(page, "istio-code-ineffective-match-ko-390");
        assertAccessible(page);
        org.assertj.core.api.Assertions.assertThat(KoreanText.englishOn(page, KoreanText.clusterNames(catalog)))
                .isEmpty();
    }

    @Test
    void aGatewayForAHostAnotherGatewayServesIsAnErrorWithIstiosCode() {
        client.adapt(IstioClient.class).v1().gateways().inNamespace("istio-system").resource(new GatewayBuilder()
                .withNewMetadata().withNamespace("istio-system").withName("public-gateway").endMetadata()
                .withNewSpec().withSelector(Map.of("istio", "ingressgateway")).withServers(new Server(null, null,
                        List.of("www.fleetman.com"), null, new Port("http", 80L, "HTTP", null), null)).endSpec()
                .build()).create();
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/default/fleetman-webapp/weighted"));
        page.locator("#weight-0").fill("90");
        page.locator("#weight-1").fill("10");
        page.locator("#exposure-section summary").click();
        page.locator("#exposure-new").check();
        page.locator("#gateway-name").fill("fleetman-gateway");
        page.locator("#gateway-hosts").fill("www.fleetman.com");
        var error = page.locator("#exposure-errors [data-code='GATEWAY_CONFLICT']");
        assertThat(error).containsText("Gateway istio-system/public-gateway already serves host www.fleetman.com on port 80");
        assertThat(error.locator("a[data-istio-code='IST0145']")).hasAttribute("href",
                "https://istio.io/latest/docs/reference/config/analysis/ist0145/");
        assertThat(page.locator("#apply-button")).isDisabled();
        error.scrollIntoViewIfNeeded();
        BrowserSupport.screenshot(page, "istio-code-gateway-conflict");
        assertAccessible(page);
    }
}
