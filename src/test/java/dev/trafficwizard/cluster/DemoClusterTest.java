package dev.trafficwizard.cluster;

import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoClusterTest {

    @Test
    void seedsExactlyTheDesignTableAndNoRoutingOutsideLegacy() {
        try (DemoCluster demo = new DemoCluster(true);
             KubernetesClient client = new KubernetesClientBuilder().withConfig(demo.clientConfig()).build()) {
            Map<String, String> services = client.services().inAnyNamespace().list().getItems().stream()
                    .filter(s -> !s.getMetadata().getNamespace().equals(LegacySeed.NAMESPACE))
                    .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getMetadata().getNamespace()));
            assertThat(services).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "fleetman-staff-service", "default", "fleetman-webapp", "default", "productpage", "bookinfo",
                    "reviews", "bookinfo", "ratings", "bookinfo", "istio-ingressgateway", "istio-system",
                    "payments", "ambient", "inventory", "ambient", "details", "bookinfo"));

            List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems().stream()
                    .filter(d -> !d.getMetadata().getNamespace().equals(LegacySeed.NAMESPACE)).toList();
            Map<String, String> ready = deployments.stream().collect(Collectors.toMap(
                    d -> d.getMetadata().getName(),
                    d -> d.getSpec().getTemplate().getMetadata().getLabels().getOrDefault("version", "-") + "/"
                            + d.getStatus().getReadyReplicas()));
            assertThat(ready).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("staff-service-safe", "safe/2"), Map.entry("staff-service-risky", "risky/1"),
                    Map.entry("webapp-original", "original/2"), Map.entry("webapp-experimental", "experimental/1"),
                    Map.entry("productpage-v1", "v1/1"), Map.entry("reviews-v1", "v1/1"),
                    Map.entry("reviews-v2", "v2/1"), Map.entry("reviews-v3", "v3/1"),
                    Map.entry("ratings-v1", "v1/1"), Map.entry("istio-ingressgateway", "-/1"),
                    Map.entry("payments-v1", "v1/2"), Map.entry("payments-v2", "v2/1"),
                    Map.entry("inventory-stable", "stable/2"), Map.entry("inventory-canary", "canary/1"),
                    Map.entry("details-v1", "v1/2"), Map.entry("details-v2", "v2/1")));
            assertThat(client.apps().deployments().inNamespace("istio-system").withName("istio-ingressgateway").get()
                    .getSpec().getTemplate().getMetadata().getLabels()).containsEntry("istio", "ingressgateway");

            var istio = client.adapt(IstioClient.class).v1();
            for (String ns : List.of("default", "bookinfo", "istio-system", "ambient")) {
                assertThat(istio.virtualServices().inNamespace(ns).list().getItems()).isEmpty();
                assertThat(istio.destinationRules().inNamespace(ns).list().getItems()).isEmpty();
                assertThat(istio.gateways().inNamespace(ns).list().getItems()).isEmpty();
            }
        }
    }

    @Test
    void legacyHoldsHandWrittenRoutingWithSomePodsNotReady() {
        try (DemoCluster demo = new DemoCluster(true);
             KubernetesClient client = new KubernetesClientBuilder().withConfig(demo.clientConfig()).build()) {
            assertThat(client.services().inNamespace("legacy").list().getItems())
                    .extracting(s -> s.getMetadata().getName())
                    .containsExactlyInAnyOrder("accounts", "billing", "catalog", "inventory", "orders", "payments",
                            "profile", "recommendations", "reports", "search", "shop", "storefront");
            Deployment accountsV2 = client.apps().deployments().inNamespace("legacy").withName("accounts-v2").get();
            assertThat(accountsV2.getStatus().getReadyReplicas()).isZero();
            assertThat(accountsV2.getSpec().getReplicas()).isEqualTo(1);

            var istio = client.adapt(IstioClient.class).v1();
            var routing = new java.util.ArrayList<io.fabric8.kubernetes.api.model.HasMetadata>();
            routing.addAll(istio.virtualServices().inNamespace("legacy").list().getItems());
            routing.addAll(istio.destinationRules().inNamespace("legacy").list().getItems());
            routing.addAll(istio.gateways().inNamespace("legacy").list().getItems());
            assertThat(routing).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                    "VirtualService/catalog", "VirtualService/inventory", "VirtualService/storefront",
                    "VirtualService/orders", "VirtualService/orders-canary", "VirtualService/payments",
                    "VirtualService/search", "VirtualService/shop", "VirtualService/billing",
                    "VirtualService/accounts", "VirtualService/recommendations", "VirtualService/profile",
                    "DestinationRule/catalog", "DestinationRule/payments", "DestinationRule/search",
                    "DestinationRule/reports", "DestinationRule/accounts", "DestinationRule/recommendations",
                    "DestinationRule/profile", "Gateway/shop-gateway", "Gateway/legacy-gateway",
                    "Gateway/legacy-gateway-copy");
            // hand-written: nothing says Traffic Wizard made it
            assertThat(routing).allSatisfy(o -> assertThat(dev.trafficwizard.istio.Managed.isManaged(o)).isFalse());
        }
    }

    @Test
    void inactiveDemoClusterStartsNothing() {
        try (DemoCluster demo = new DemoCluster(false)) {
            assertThat(demo).isNotNull();
        }
    }
}
