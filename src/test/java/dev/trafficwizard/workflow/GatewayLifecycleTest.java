package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.FormKind;
import java.time.Duration;
import org.awaitility.Awaitility;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Gateway Traffic Wizard created goes away with the last routing that uses it, and only then. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class GatewayLifecycleTest {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;

    static RoutingPlan exposed(String service, String version, String gateway, boolean create) {
        return new RoutingPlan("bookinfo", service, List.of(create ? "shop.example" : "reviews.example"),
                new GatewayPlan(gateway, create, List.of("*"), 80, false, null),
                List.of(new Rule(List.of(), List.of(new WeightedDestination(version, 100)))), null);
    }

    io.fabric8.istio.api.networking.v1.Gateway gateway(String name) {
        return client.adapt(IstioClient.class).v1().gateways().inNamespace("bookinfo").withName(name).get();
    }

    @AfterEach
    void cleanUp() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews", "ratings", "productpage");
        var gateways = client.adapt(IstioClient.class).v1().gateways().inNamespace("bookinfo");
        gateways.list().getItems().forEach(g -> gateways.resource(g).delete());
        client.configMaps().inNamespace("bookinfo").delete();
    }

    @Test
    void aPlanThatKeepsUsingItsGatewayWithoutRecreatingItDoesNotDeleteIt() {
        dev.trafficwizard.AsAdmin.run(() -> workflow.apply(exposed("reviews", "v1", "shop-gateway", true), null, FormKind.WEIGHTED));
        RoutingPlan sameGatewayNotCreated = new RoutingPlan("bookinfo", "reviews", List.of("shop.example"),
                new GatewayPlan("shop-gateway", false, List.of(), null, false, null),
                List.of(new Rule(List.of(), List.of(new WeightedDestination("v2", 100)))), null);

        assertThat(workflow.preview(sameGatewayNotCreated).resources()).extracting(Preview.Resource::kind)
                .doesNotContain("Gateway");
        dev.trafficwizard.AsAdmin.run(() -> workflow.apply(sameGatewayNotCreated, null, FormKind.WEIGHTED));
        assertThat(gateway("shop-gateway")).as("the VirtualService is still bound to it").isNotNull();
    }

    @Test
    void aGatewayTrafficWizardCreatedStaysUntilItsLastUserIsDeleted() {
        dev.trafficwizard.AsAdmin.run(() -> workflow.apply(exposed("reviews", "v1", "shop-gateway", true), null, FormKind.WEIGHTED));
        dev.trafficwizard.AsAdmin.run(() -> workflow.apply(new RoutingPlan("bookinfo", "ratings", List.of("ratings.example"),
                new GatewayPlan("shop-gateway", false, List.of(), null, false, null),
                List.of(new Rule(List.of(), List.of(new WeightedDestination("v1", 100)))), null), null, FormKind.WEIGHTED));

        var reviews = catalog.service("bookinfo", "reviews").orElseThrow();
        assertThat(workflow.deletion(reviews)).extracting(o -> o.getKind())
                .containsExactly("VirtualService", "DestinationRule");
        dev.trafficwizard.AsAdmin.run(() -> workflow.delete("bookinfo", "reviews"));
        assertThat(gateway("shop-gateway")).as("ratings still uses it").isNotNull();

        var ratings = catalog.service("bookinfo", "ratings").orElseThrow();
        assertThat(workflow.deletion(ratings)).as("the last user of a Gateway Traffic Wizard created")
                .extracting(o -> o.getKind()).containsExactly("VirtualService", "DestinationRule", "Gateway");
        dev.trafficwizard.AsAdmin.run(() -> workflow.delete("bookinfo", "ratings"));
        assertThat(gateway("shop-gateway")).isNull();
    }

    @Test
    void theCreatorsGatewayGoesWithItsRoutingAndWhenThePlanNoLongerUsesIt() {
        dev.trafficwizard.AsAdmin.run(() -> workflow.apply(exposed("reviews", "v1", "reviews-gateway", true), null, FormKind.WEIGHTED));
        assertThat(workflow.deletion(catalog.service("bookinfo", "reviews").orElseThrow()))
                .extracting(o -> o.getKind()).containsExactly("VirtualService", "DestinationRule", "Gateway");

        var meshOnly = RoutingPlan.weighted("bookinfo", "reviews", List.of(new WeightedDestination("v2", 100)));
        var applied = dev.trafficwizard.AsAdmin.get(() -> workflow.apply(meshOnly, null, FormKind.WEIGHTED));
        assertThat(applied).isInstanceOf(WriteResult.Applied.class);
        assertThat(((WriteResult.Applied) applied).objects())
                .as("subset v1 goes away: VirtualService first, then DestinationRule, then the Gateway")
                .extracting(a -> a.kind() + " " + a.change().done())
                .containsExactly("VirtualService updated", "DestinationRule updated", "Gateway deleted");
        assertThat(gateway("reviews-gateway")).isNull();
    }

    @Test
    void aGatewayTrafficWizardDidNotCreateIsNeverReplaced() {
        client.resource(new GatewayBuilder().withNewMetadata().withName("hand-made").withNamespace("bookinfo")
                .endMetadata().withNewSpec().addToSelector("istio", "ingressgateway").addNewServer()
                .withHosts("*").withNewPort().withNumber(80L).withName("http").withProtocol("HTTP").endPort()
                .endServer().endSpec().build()).create();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.gateways().stream().anyMatch(g -> g.reference().equals("bookinfo/hand-made")));
        assertThat(dev.trafficwizard.AsAdmin.get(() -> workflow.apply(
                exposed("reviews", "v1", "hand-made", true), null, FormKind.WEIGHTED)))
                .isInstanceOfSatisfying(WriteResult.Rejected.class, e -> assertThat(e.diagnostics())
                        .extracting(d -> d.code()).contains("GATEWAY_NOT_MANAGED"));
        assertThat(gateway("hand-made").getMetadata().getLabels()).isNullOrEmpty();
        assertThat(client.adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo").list().getItems())
                .isEmpty();
    }

}
