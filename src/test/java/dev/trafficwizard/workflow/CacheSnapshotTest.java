package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.MeshSnapshot;
import dev.trafficwizard.cluster.DemoClusterFixture;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks' view of the caches finds a Service's HTTPRoutes through the cache's index (the
 * benchmark showed the scan of every route per VirtualService to be quadratic) and still finds only
 * the routes attached to that Service: not those that merely send to it, nor those attached to
 * another Service or a Gateway.
 */
class CacheSnapshotTest {

    static DemoClusterFixture cluster;

    @BeforeAll
    static void start() {
        cluster = new DemoClusterFixture();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ParentReference service(String namespace, String name) {
        return new ParentReferenceBuilder().withGroup("").withKind("Service").withNamespace(namespace).withName(name)
                .build();
    }

    private static HTTPRoute route(String ns, String name, ParentReference parent, String backend) {
        return new HTTPRouteBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withParentRefs(parent).addNewRule().addNewBackendRef().withName(backend).withPort(8080)
                .endBackendRef().endRule().endSpec().build();
    }

    @Test
    void aServicesRoutesAreTheOnesAttachedToIt() {
        var routes = cluster.client().resources(HTTPRoute.class);
        routes.resource(route("ambient", "attached", service(null, "payments"), "payments")).create();
        routes.resource(route("default", "attached-across", service("ambient", "payments"), "payments")).create();
        // sends to payments, attached elsewhere: indexed under payments too, but not its route
        routes.resource(route("ambient", "sends-only", service(null, "inventory"), "payments")).create();
        routes.resource(route("ambient", "via-gateway", new ParentReferenceBuilder().withName("ambient-ingress")
                .build(), "payments")).create();
        routes.resource(route("ambient", "other-group", new ParentReferenceBuilder().withGroup("example.com")
                .withKind("Service").withName("payments").build(), "payments")).create();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.cache().httpRoutes().size() >= 5);

        CacheSnapshot snapshot = new CacheSnapshot(cluster.cache());
        assertThat(snapshot.httpRoutesForService("ambient", "payments")).extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder("attached", "attached-across");
        assertThat(snapshot.httpRoutesForService("ambient", "inventory")).extracting(r -> r.getMetadata().getName())
                .containsExactly("sends-only");
        assertThat(snapshot.httpRoutesForService("default", "payments")).isEmpty();

        // the same answers as the scan of every route it replaces (a listed mesh has no index)
        MeshSnapshot scan = dev.trafficwizard.analysis.ListedSnapshot.of(cluster.cache().httpRoutes());
        for (String svc : List.of("payments", "inventory", "none")) {
            assertThat(snapshot.httpRoutesForService("ambient", svc))
                    .containsExactlyInAnyOrderElementsOf(scan.httpRoutesForService("ambient", svc));
        }
    }
}
