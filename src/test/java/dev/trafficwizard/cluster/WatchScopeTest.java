package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With watched namespaces, the caches hold only those (as namespaced RBAC allows). */
class WatchScopeTest {

    @Test
    void onlyTheWatchedNamespacesAreCached() {
        try (DemoCluster demo = new DemoCluster(true);
             KubernetesClient client = new KubernetesClientBuilder().withConfig(demo.clientConfig()).build()) {
            ClusterProperties properties = new ClusterProperties(ClusterProperties.Mode.DEMO, null, null, 10, 5000,
                    null);
            ClusterCache cache = new ClusterCache(client, properties,
                    new ClusterInfo(ClusterProperties.Mode.DEMO, "demo", demo.url()),
                    new WatchScope(List.of("bookinfo", "istio-system")));
            try {
                assertThat(cache.namespaces()).containsExactly("bookinfo", "istio-system");
                assertThat(cache.services()).extracting(s -> s.getMetadata().getName())
                        .containsExactlyInAnyOrder("productpage", "reviews", "ratings", "details", "istio-ingressgateway");
                assertThat(cache.service("default", "fleetman-webapp")).isEmpty();
                assertThat(cache.deployments("bookinfo", java.util.Map.of("app", "reviews"))).hasSize(3);
                assertThat(cache.informerStates()).doesNotContainValue(false);
            } finally {
                cache.close();
            }
        }
    }

    @Test
    void blankEntriesMeanAll() {
        assertThat(new WatchScope(List.of(" ", "")).watchNamespaces()).isEmpty();
        assertThat(new WatchScope(null).watchNamespaces()).isEmpty();
    }
}
