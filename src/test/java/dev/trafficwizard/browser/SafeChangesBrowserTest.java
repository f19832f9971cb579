package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Diff before apply, history with rollback, delete and take over, as a person sees them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class SafeChangesBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void cleanUp() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews", "ratings");
        client.adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo").withName("ratings-legacy")
                .delete();
        client.configMaps().inNamespace("bookinfo").delete();
    }

    Page open(String path) {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url(path));
        return page;
    }

    void apply(Page page) {
        BrowserSupport.openConfirm(page);
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");
        assertThat(page.locator(".modal-backdrop")).hasCount(0);
    }

    @Test
    void diffBeforeApplyThenHistoryAndRollback() {
        Page page = open("/services/bookinfo/reviews/weighted");
        BrowserSupport.weights(page, "80", "10", "10");
        apply(page);

        page.navigate(url("/services/bookinfo/reviews/weighted"));
        BrowserSupport.weights(page, "50", "50", "0");
        var diff = page.locator("#preview-resources li[data-action='update'] code.language-diff");
        assertThat(diff).containsText("-      weight: 80");
        assertThat(diff).containsText("+      weight: 50");
        assertThat(page.locator("#preview-resources li[data-action='unchanged']")).containsText("DestinationRule");
        BrowserSupport.screenshot(page, "wizard-diff");
        apply(page);

        page.navigate(url("/services/bookinfo/reviews/history"));
        assertThat(page.locator("#revision-2")).containsText("applied");
        assertThat(page.locator("#revision-2")).containsText("live now");
        assertThat(page.locator("#revision-2 code.language-diff")).containsText("+      weight: 50");
        BrowserSupport.screenshot(page, "history");
        page.locator("#rollback-1").click();

        assertThat(page.locator("#rollback-note")).containsText("Rolling back to revision #1");
        assertThat(page.locator("#weight-0")).hasValue("80");
        assertThat(page.locator("#preview-resources li[data-action='update'] code.language-diff"))
                .containsText("+      weight: 80");
        apply(page);
        page.navigate(url("/services/bookinfo/reviews/history"));
        assertThat(page.locator("#revision-3")).containsText("rollback to #1");
        var route = catalog.service("bookinfo", "reviews").orElseThrow().virtualService().getSpec().getHttp().get(0)
                .getRoute();
        assertThat(route).extracting(r -> r.getWeight()).containsExactly(80, 10, 10);
    }

    @Test
    void deleteNamesEveryObjectFirstAndIsRecorded() {
        Page page = open("/services/bookinfo/reviews/weighted");
        BrowserSupport.weights(page, "34", "33", "33");
        apply(page);

        page.navigate(url("/services/bookinfo/reviews"));
        page.locator("#delete-action").click();
        assertThat(page.locator("#delete-objects li")).hasText(new String[]{
                "VirtualService bookinfo/reviews", "DestinationRule bookinfo/reviews"});
        BrowserSupport.screenshot(page, "service-delete-confirm");
        page.locator("#confirm-delete-button").click();
        assertThat(page.locator("#action-result")).containsText("Routing removed.");
        assertThat(page.locator("#action-result")).containsText("VirtualService bookinfo/reviews");
        assertThat(catalog.service("bookinfo", "reviews").orElseThrow().routing()).isEqualTo(RoutingState.NONE);

        page.navigate(url("/services/bookinfo/reviews/history"));
        assertThat(page.locator("#revision-2")).containsText("delete");
    }

    @Test
    void unmanagedRoutingIsTakenOverOnlyAfterSeeingTheDiff() {
        client.resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("ratings-legacy").withNamespace("bookinfo").endMetadata()
                .withNewSpec().withHosts("ratings").addNewHttp().addNewRoute().withNewDestination()
                .withHost("ratings").endDestination().endRoute().endHttp().endSpec().build()).create();
        // the page is opened once the cache shows the hand-made routing, instead of reloading until it does
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> catalog.service("bookinfo", "ratings").orElseThrow().routing() == RoutingState.UNMANAGED);
        Page page = open("/services/bookinfo/ratings");
        assertThat(page.locator("#unmanaged-note")).containsText("ratings-legacy");
        page.locator("#take-over-action").click();
        assertThat(page.locator("#confirm-take-over code.language-diff"))
                .containsText("+    app.kubernetes.io/managed-by: traffic-wizard");
        BrowserSupport.screenshot(page, "service-take-over");
        page.locator("#confirm-take-over-button").click();
        assertThat(page.locator("#action-result")).containsText("Routing taken over");
        page.reload();
        assertThat(page.locator("#routing-state")).hasText("Managed by Traffic Wizard");
    }
}
