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
    void seedsExactlyTheDesignTableAndNoRouting() {
        try (DemoCluster demo = new DemoCluster(true);
             KubernetesClient client = new KubernetesClientBuilder().withConfig(demo.clientConfig()).build()) {
            Map<String, String> services = client.services().inAnyNamespace().list().getItems().stream()
                    .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getMetadata().getNamespace()));
            assertThat(services).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "fleetman-staff-service", "default", "fleetman-webapp", "default", "productpage", "bookinfo",
                    "reviews", "bookinfo", "ratings", "bookinfo", "istio-ingressgateway", "istio-system"));

            List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
            Map<String, String> ready = deployments.stream().collect(Collectors.toMap(
                    d -> d.getMetadata().getName(),
                    d -> d.getSpec().getTemplate().getMetadata().getLabels().getOrDefault("version", "-") + "/"
                            + d.getStatus().getReadyReplicas()));
            assertThat(ready).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("staff-service-safe", "safe/2"), Map.entry("staff-service-risky", "risky/1"),
                    Map.entry("webapp-original", "original/2"), Map.entry("webapp-experimental", "experimental/1"),
                    Map.entry("productpage-v1", "v1/1"), Map.entry("reviews-v1", "v1/1"),
                    Map.entry("reviews-v2", "v2/1"), Map.entry("reviews-v3", "v3/1"),
                    Map.entry("ratings-v1", "v1/1"), Map.entry("istio-ingressgateway", "-/1")));
            assertThat(client.apps().deployments().inNamespace("istio-system").withName("istio-ingressgateway").get()
                    .getSpec().getTemplate().getMetadata().getLabels()).containsEntry("istio", "ingressgateway");

            var istio = client.adapt(IstioClient.class).v1();
            assertThat(istio.virtualServices().inAnyNamespace().list().getItems()).isEmpty();
            assertThat(istio.destinationRules().inAnyNamespace().list().getItems()).isEmpty();
            assertThat(istio.gateways().inAnyNamespace().list().getItems()).isEmpty();
        }
    }

    @Test
    void inactiveDemoClusterStartsNothing() {
        try (DemoCluster demo = new DemoCluster(false)) {
            assertThat(demo).isNotNull();
        }
    }
}
