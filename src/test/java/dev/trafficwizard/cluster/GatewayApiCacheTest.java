package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The caches read the Gateway API only where its CRDs are installed, and namespaces' labels. */
class GatewayApiCacheTest {

    @Test
    void withTheCrdsTheCachesSeeHttpRoutesByServiceAndTheAmbientNamespace() {
        try (DemoClusterFixture f = new DemoClusterFixture()) {
            ClusterCache cache = f.cache();
            assertThat(cache.gatewayApiAvailable()).isTrue();
            assertThat(cache.gatewayApiGateways()).extracting(g -> g.getMetadata().getName())
                    .containsExactlyInAnyOrder("waypoint", "ambient-ingress");
            assertThat(cache.namespaceLabels("ambient")).containsEntry("istio.io/dataplane-mode", "ambient")
                    .containsEntry("istio.io/use-waypoint", "waypoint");
            assertThat(cache.namespaceLabels("default")).doesNotContainKey("istio.io/dataplane-mode");

            HTTPRoute route = new HTTPRouteBuilder().withNewMetadata().withName("by-hand").withNamespace("ambient")
                    .endMetadata().withNewSpec()
                    .addNewParentRef().withGroup("").withKind("Service").withName("payments").endParentRef()
                    .addNewRule().addNewBackendRef().withName("payments-v2").withPort(8080).endBackendRef().endRule()
                    .endSpec().build();
            f.client().resource(route).create();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !cache.httpRoutes().isEmpty());
            assertThat(cache.httpRoutesFor("ambient", "payments", List.of())).hasSize(1);
            assertThat(cache.httpRoutesFor("ambient", "inventory", List.of("payments-v2")))
                    .as("found by a backend (a version Service) too").hasSize(1);
            assertThat(cache.httpRoutesFor("ambient", "inventory", List.of())).isEmpty();

            f.client().resource(new NamespaceBuilder().withNewMetadata().withName("ambient")
                    .addToLabels("istio.io/dataplane-mode", "ambient").endMetadata().build()).update();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> !cache.namespaceLabels("ambient").containsKey("istio.io/use-waypoint"));
        }
    }

    @Test
    void withoutTheCrdsNothingOfTheGatewayApiIsReadAndTheCachesStillSync() {
        try (DemoClusterFixture f = new DemoClusterFixture(false)) {
            ClusterCache cache = f.cache();
            assertThat(cache.gatewayApiAvailable()).isFalse();
            assertThat(cache.httpRoutes()).isEmpty();
            assertThat(cache.gatewayApiGateways()).isEmpty();
            assertThat(cache.httpRoutesFor("ambient", "payments", List.of())).isEmpty();
            assertThat(cache.services()).isNotEmpty();
            assertThat(cache.namespaceLabels("ambient")).containsEntry("istio.io/dataplane-mode", "ambient");
        }
    }
}
