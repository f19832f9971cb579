package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.trafficwizard.cluster.RoutingApplierDryRunTest.DRY_RUN;
import static dev.trafficwizard.cluster.RoutingApplierDryRunTest.status;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.DESTINATION_RULE;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.VIRTUAL_SERVICE;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.destinationRule;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.virtualService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Impersonation against the mock API server in expectation mode: only the scripted answers exist,
 * and every request is recorded with its headers. Writes carry Impersonate-User and
 * Impersonate-Group; reads do not; a 403 names the user.
 */
@EnableKubernetesMockClient(https = false)
class ImpersonationTest {

    static final String DESTINATION_RULES = "/apis/networking.istio.io/v1/namespaces/default/destinationrules";
    static final String HISTORY = "/api/v1/namespaces/default/configmaps/traffic-wizard-history-reviews";
    static final String FORBIDDEN = "virtualservices.networking.istio.io \"reviews\" is forbidden: User \"alice\" "
            + "cannot update resource \"virtualservices\" in API group \"networking.istio.io\" in the namespace "
            + "\"default\"";

    KubernetesMockServer server;
    KubernetesClient client;
    Requester alice = () -> Optional.of(new Requester.User("alice", List.of("VIEWER", "OPERATOR")));

    @BeforeEach
    void setUp() {
        // no retries: a retried request would find no expectation
        client = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                .withMasterUrl(server.url("/")).withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    ClusterProperties impersonation(boolean enabled, List<String> groups) {
        return new ClusterProperties(null, null, null, 0, 0,
                new ClusterProperties.Impersonation(enabled, null, groups));
    }

    RoutingApplier applier(ClusterProperties properties, Requester requester) {
        // the cache only waits for writes to show up: a mock that never waits keeps reads out of the count
        return new RoutingApplier(new Impersonator(client, properties, requester), Mockito.mock(ClusterCache.class),
                properties);
    }

    List<RoutingApplier.Write> createDrUpdateVs() {
        HasMetadata liveVs = virtualService(false);
        liveVs.getMetadata().setResourceVersion("42");
        return List.of(new RoutingApplier.Write(destinationRule(true), null),
                new RoutingApplier.Write(virtualService(true), liveVs));
    }

    @Test
    void everyWriteCarriesTheUserAndTheirRolesAsGroups() throws InterruptedException {
        server.expect().post().withPath(DESTINATION_RULES).andReturn(201, destinationRule(true)).once();
        server.expect().put().withPath(VIRTUAL_SERVICE).andReturn(200, virtualService(true)).once();

        applier(impersonation(true, List.of("platform-team")), alice).apply(createDrUpdateVs());

        assertThat(requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("Impersonate-User")).isEqualTo("alice");
            assertThat(r.getHeaders().headers("Impersonate-Group"))
                    .containsExactly("traffic-wizard:viewer", "traffic-wizard:operator", "platform-team");
        });
    }

    @Test
    void dryRunsAreImpersonatedToo() throws InterruptedException {
        server.expect().post().withPath(DESTINATION_RULES + DRY_RUN).andReturn(201, destinationRule(true)).once();
        server.expect().put().withPath(VIRTUAL_SERVICE + DRY_RUN).andReturn(200, virtualService(true)).once();

        ClusterProperties properties = new ClusterProperties(null, null, null, 0, 0,
                new ClusterProperties.Impersonation(true, false, List.of("reviewers")));
        assertThat(applier(properties, alice).dryRun(createDrUpdateVs())).isEmpty();

        assertThat(requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("Impersonate-User")).isEqualTo("alice");
            assertThat(r.getHeaders().headers("Impersonate-Group")).containsExactly("reviewers");
        });
    }

    @Test
    void historyWritesAreImpersonatedButItsReadIsNot() throws InterruptedException {
        server.expect().get().withPath(HISTORY).andReturn(404, status(404, "NotFound", "not found")).once();
        server.expect().post().withPath("/api/v1/namespaces/default/configmaps").andReturn(201,
                new ConfigMapBuilder().withNewMetadata().withName("traffic-wizard-history-reviews")
                        .withNamespace("default").endMetadata().build()).once();
        ClusterProperties properties = impersonation(true, null);
        HistoryStore store = new HistoryStore(new Impersonator(client, properties, alice),
                Mockito.mock(ClusterCache.class), properties);

        store.update("default", "reviews", entries -> List.of("{\"number\":1}"));

        List<RecordedRequest> requests = requests();
        assertThat(requests).extracting(RecordedRequest::getMethod).containsExactly("GET", "POST");
        assertThat(requests.get(0).getHeader("Impersonate-User")).isNull();
        assertThat(requests.get(0).getHeaders().headers("Impersonate-Group")).isEmpty();
        assertThat(requests.get(1).getHeader("Impersonate-User")).isEqualTo("alice");
        assertThat(requests.get(1).getHeaders().headers("Impersonate-Group"))
                .containsExactly("traffic-wizard:viewer", "traffic-wizard:operator");
    }

    @Test
    void aRefusalByTheClustersRbacNamesTheUserAndTheEarlierWriteIsUndoneAsThem() throws InterruptedException {
        server.expect().post().withPath(DESTINATION_RULES).andReturn(201, destinationRule(true)).once();
        server.expect().put().withPath(VIRTUAL_SERVICE).andReturn(403, status(403, "Forbidden", FORBIDDEN)).once();
        server.expect().delete().withPath(DESTINATION_RULE).andReturn(200, RoutingApplierDryRunTest.success()).once();

        Throwable thrown = catchThrowable(() -> applier(impersonation(true, null), alice).apply(createDrUpdateVs()));

        assertThat(thrown).isInstanceOf(ClusterWriteException.class);
        ClusterWriteException failure = (ClusterWriteException) thrown;
        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.reason()).isEqualTo("the cluster refused this for user alice (RBAC): " + FORBIDDEN);
        assertThat(failure.getMessage()).isEqualTo("Writing VirtualService default/reviews failed: "
                + "the cluster refused this for user alice (RBAC): " + FORBIDDEN);
        assertThat(failure.restored()).containsExactly("DestinationRule default/reviews");
        assertThat(failure.notRestored()).isEmpty();
        List<RecordedRequest> requests = requests();
        assertThat(requests).extracting(r -> r.getMethod() + " " + r.getPath())
                .containsExactly("POST " + DESTINATION_RULES, "PUT " + VIRTUAL_SERVICE, "DELETE " + DESTINATION_RULE);
        assertThat(requests).allSatisfy(r -> assertThat(r.getHeader("Impersonate-User")).isEqualTo("alice"));
    }

    @Test
    void aDryRunRefusedByRbacNamesTheUserButAWebhookDenialStaysAsItWas() {
        server.expect().post().withPath(DESTINATION_RULES + DRY_RUN).andReturn(403, status(403, "Forbidden",
                "admission webhook \"validation.istio.io\" denied the request: bad subset")).once();
        server.expect().put().withPath(VIRTUAL_SERVICE + DRY_RUN).andReturn(403, status(403, "Forbidden", FORBIDDEN))
                .once();

        List<RoutingApplier.Rejection> rejections = applier(impersonation(true, null), alice).dryRun(createDrUpdateVs());

        assertThat(rejections).extracting(RoutingApplier.Rejection::message).containsExactly(
                "admission webhook \"validation.istio.io\" denied the request: bad subset",
                "the cluster refused this for user alice (RBAC): " + FORBIDDEN);
    }

    @Test
    void offByDefaultNothingIsImpersonated() throws InterruptedException {
        server.expect().post().withPath(DESTINATION_RULES).andReturn(201, destinationRule(true)).once();
        server.expect().put().withPath(VIRTUAL_SERVICE).andReturn(200, virtualService(true)).once();

        applier(new ClusterProperties(null, null, null, 0, 0), alice).apply(createDrUpdateVs());

        assertThat(requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("Impersonate-User")).isNull();
            assertThat(r.getHeaders().headers("Impersonate-Group")).isEmpty();
        });
    }

    @Test
    void onWithoutALoggedInUserNothingIsWrittenAsTheDashboard() throws InterruptedException {
        Throwable thrown = catchThrowable(() -> applier(impersonation(true, null), Optional::empty)
                .apply(createDrUpdateVs()));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("no user is logged in");
        assertThat(requests()).isEmpty();
    }

    @Test
    void theDashboardsOwnClientKeepsWorkingAfterImpersonatedWrites() throws InterruptedException {
        server.expect().post().withPath(DESTINATION_RULES).andReturn(201, destinationRule(true)).times(2);
        server.expect().get().withPath(DESTINATION_RULE).andReturn(200, destinationRule(true)).once();
        RoutingApplier applier = applier(impersonation(true, null), alice);

        applier.apply(List.of(new RoutingApplier.Write(destinationRule(true), null)));
        applier.apply(List.of(new RoutingApplier.Write(destinationRule(true), null)));

        assertThat(client.resource(destinationRule(true)).get()).isNotNull();
        List<RecordedRequest> requests = requests();
        assertThat(requests).extracting(r -> r.getHeader("Impersonate-User")).containsExactly("alice", "alice", null);
    }

    /** Every request the server received, in order. */
    List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int n = server.getRequestCount(); n > 0; n--) {
            requests.add(server.takeRequest(1, TimeUnit.SECONDS));
        }
        assertThat(server.takeRequest(50, TimeUnit.MILLISECONDS)).as("nothing else was requested").isNull();
        return requests;
    }
}
