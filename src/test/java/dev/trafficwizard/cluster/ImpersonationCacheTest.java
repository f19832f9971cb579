package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.trafficwizard.cluster.RoutingApplierFaultTest.destinationRule;
import static org.assertj.core.api.Assertions.assertThat;

/** With impersonation on, the informers still list and watch as the dashboard; only the write is the user's. */
@EnableKubernetesMockClient(crud = true, https = false)
class ImpersonationCacheTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void informersReadAsTheDashboardWhileTheWriteCarriesTheUser() throws InterruptedException {
        ClusterProperties properties = new ClusterProperties(ClusterProperties.Mode.DEMO, null, null, 10, 5000,
                new ClusterProperties.Impersonation(true, null, null));
        Requester bob = () -> Optional.of(new Requester.User("bob", List.of("ADMIN")));
        try (ClusterCache cache = new ClusterCache(client, properties,
                new ClusterInfo(ClusterProperties.Mode.DEMO, "test", "mock"))) {
            new RoutingApplier(new Impersonator(client, properties, bob), cache, properties)
                    .apply(List.of(new RoutingApplier.Write(destinationRule(false), null)));
            assertThat(cache.destinationRule("default", "reviews")).isPresent();
        }

        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(r);
        }
        List<RecordedRequest> writes = requests.stream().filter(r -> !r.getMethod().equals("GET")).toList();
        List<RecordedRequest> reads = requests.stream().filter(r -> r.getMethod().equals("GET")).toList();
        assertThat(writes).singleElement().satisfies(w -> {
            assertThat(w.getMethod()).isEqualTo("POST");
            assertThat(w.getHeader("Impersonate-User")).isEqualTo("bob");
            assertThat(w.getHeaders().headers("Impersonate-Group")).containsExactly("traffic-wizard:admin");
        });
        assertThat(reads).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(r -> assertThat(r.getHeader("Impersonate-User")).as(r.getPath()).isNull())
                .allSatisfy(r -> assertThat(r.getHeaders().headers("Impersonate-Group")).isEmpty());
    }
}
