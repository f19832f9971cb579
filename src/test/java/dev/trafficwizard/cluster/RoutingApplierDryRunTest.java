package dev.trafficwizard.cluster;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.trafficwizard.cluster.RoutingApplierFaultTest.DESTINATION_RULE;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.GATEWAYS;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.VIRTUAL_SERVICE;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.destinationRule;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.gateway;
import static dev.trafficwizard.cluster.RoutingApplierFaultTest.virtualService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Server-side dry run against the mock server in expectation mode (NOT crud: the CRUD mock ignores
 * dryRun and really writes). Only the scripted answers exist; any other request would get a 404.
 */
@EnableKubernetesMockClient(https = false)
class RoutingApplierDryRunTest {

    static final String OLD_VS = "/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews-old";
    static final String DRY_RUN = "?dryRun=All";

    KubernetesMockServer server;
    /** Without retries: the injected client would retry a 5xx, and the retry finds no expectation (404). */
    KubernetesClient client;
    RoutingApplier applier;
    List<RoutingApplier.Write> writes;

    @BeforeEach
    void setUp() {
        client = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                .withMasterUrl(server.url("/")).withRequestRetryBackoffLimit(0).build()).build();
        // no cache: a dry run never waits for one, and so no list/watch request disturbs the count
        applier = new RoutingApplier(client, null, new ClusterProperties(null, null, null, 0, 0));
        DestinationRule liveDr = destinationRule(false);
        liveDr.getMetadata().setResourceVersion("41");
        VirtualService liveVs = virtualService(false);
        liveVs.getMetadata().setResourceVersion("42");
        VirtualService oldVs = virtualService(false);
        oldVs.getMetadata().setName("reviews-old");
        oldVs.getMetadata().setResourceVersion("43");
        writes = List.of(new RoutingApplier.Write(gateway(), null),
                new RoutingApplier.Write(destinationRule(true), liveDr),
                new RoutingApplier.Write(virtualService(true), liveVs),
                new RoutingApplier.Write(null, oldVs));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    void acceptEverything() {
        server.expect().post().withPath(GATEWAYS + DRY_RUN).andReturn(201, gateway()).once();
        server.expect().put().withPath(DESTINATION_RULE + DRY_RUN).andReturn(200, destinationRule(true)).once();
        server.expect().put().withPath(VIRTUAL_SERVICE + DRY_RUN).andReturn(200, virtualService(true)).once();
        server.expect().delete().withPath(OLD_VS + DRY_RUN).andReturn(200, success()).once();
    }

    @Test
    void everyWriteIsSentOnceAsADryRunInOrderWithTheResourceVersionRead() throws InterruptedException {
        acceptEverything();

        assertThat(applier.dryRun(writes)).isEmpty();

        List<RecordedRequest> requests = requests();
        assertThat(requests).extracting(r -> r.getMethod() + " " + r.getPath()).containsExactly(
                "POST " + GATEWAYS + DRY_RUN,
                "PUT " + DESTINATION_RULE + DRY_RUN,
                "PUT " + VIRTUAL_SERVICE + DRY_RUN,
                "DELETE " + OLD_VS + DRY_RUN);
        assertThat(requests).allSatisfy(r -> assertThat(r.getPath()).endsWith("?dryRun=All"));
        assertThat(requests.get(1).getUtf8Body()).contains("\"resourceVersion\":\"41\"", "\"v3\"");
        assertThat(requests.get(2).getUtf8Body()).contains("\"resourceVersion\":\"42\"", "shop-gateway");
        assertThat(requests.get(3).getUtf8Body()).contains("\"dryRun\":[\"All\"]",
                "\"preconditions\":{\"resourceVersion\":\"43\"}");
    }

    @Test
    void unchangedWritesAreNotSent() throws InterruptedException {
        DestinationRule live = destinationRule(true);
        live.getMetadata().setResourceVersion("41");

        assertThat(applier.dryRun(List.of(new RoutingApplier.Write(destinationRule(true), live)))).isEmpty();

        assertThat(requests()).isEmpty();
    }

    @Test
    void schemaAndWebhookRefusalsBecomeRejectionsAndTheRestIsStillChecked() throws InterruptedException {
        server.expect().post().withPath(GATEWAYS + DRY_RUN).andReturn(201, gateway()).once();
        server.expect().put().withPath(DESTINATION_RULE + DRY_RUN).andReturn(422, new StatusBuilder()
                .withStatus("Failure").withCode(422).withReason("Invalid")
                .withMessage("DestinationRule.networking.istio.io \"reviews\" is invalid: [spec.subsets[2].name: "
                        + "Invalid value: \"V3\", spec.host: Required value]")
                .withNewDetails().withName("reviews").withGroup("networking.istio.io").withKind("DestinationRule")
                .addNewCause().withField("spec.subsets[2].name").withReason("FieldValueInvalid")
                .withMessage("Invalid value: \"V3\": must be a DNS label").endCause()
                .addNewCause().withField("spec.host").withReason("FieldValueRequired")
                .withMessage("Required value").endCause()
                .endDetails().build()).once();
        server.expect().put().withPath(VIRTUAL_SERVICE + DRY_RUN).andReturn(403, status(403, "Forbidden",
                "admission webhook \"validation.istio.io\" denied the request: configuration is invalid: "
                        + "total destination weight 90 != 100")).once();
        server.expect().delete().withPath(OLD_VS + DRY_RUN).andReturn(200, success()).once();

        List<RoutingApplier.Rejection> rejections = applier.dryRun(writes);

        assertThat(rejections).extracting(RoutingApplier.Rejection::kind, RoutingApplier.Rejection::namespace,
                RoutingApplier.Rejection::name, RoutingApplier.Rejection::field).containsExactly(
                tuple("DestinationRule", "default", "reviews", "spec.subsets[2].name"),
                tuple("DestinationRule", "default", "reviews", "spec.host"),
                tuple("VirtualService", "default", "reviews", null));
        assertThat(rejections.get(0).message()).isEqualTo("Invalid value: \"V3\": must be a DNS label");
        assertThat(rejections.get(2).message()).isEqualTo("admission webhook \"validation.istio.io\" denied the "
                + "request: configuration is invalid: total destination weight 90 != 100");
        assertThat(requests()).hasSize(4).allSatisfy(r -> assertThat(r.getPath()).endsWith(DRY_RUN));
    }

    @Test
    void aBadRequestWithoutCausesIsRejectedWithItsMessage() {
        server.expect().post().withPath(GATEWAYS + DRY_RUN).andReturn(400, status(400, "BadRequest",
                "strict decoding error: unknown field \"spec.servers[0].hostz\"")).once();

        assertThat(applier.dryRun(writes.subList(0, 1))).containsExactly(new RoutingApplier.Rejection("Gateway",
                "default", "shop-gateway", null, "strict decoding error: unknown field \"spec.servers[0].hostz\""));
    }

    @Test
    void aServerErrorStopsTheDryRunAsAWriteFailureWithNothingToRestore() throws InterruptedException {
        server.expect().post().withPath(GATEWAYS + DRY_RUN).andReturn(201, gateway()).once();
        server.expect().put().withPath(DESTINATION_RULE + DRY_RUN).andReturn(500, status(500, "InternalError",
                "Internal error occurred: failed calling webhook \"validation.istio.io\": context deadline exceeded"))
                .once();

        Throwable thrown = catchThrowable(() -> applier.dryRun(writes));

        assertThat(thrown).isInstanceOf(ClusterWriteException.class);
        ClusterWriteException failure = (ClusterWriteException) thrown;
        assertThat(failure.object()).isEqualTo("DestinationRule default/reviews");
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.reason()).contains("failed calling webhook");
        assertThat(failure.deleting()).isFalse();
        assertThat(failure.restored()).isEmpty();
        assertThat(failure.notRestored()).isEmpty();
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        server.expect().post().withPath(GATEWAYS + DRY_RUN).andReturn(201, gateway()).once();
        server.expect().put().withPath(DESTINATION_RULE + DRY_RUN).andReturn(409, status(409, "Conflict",
                "the object has been modified; please apply your changes to the latest version")).once();

        assertThat(catchThrowable(() -> applier.dryRun(writes))).isInstanceOf(ClusterConflictException.class);
    }

    @Test
    void noConnectionIsAWriteFailure() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + closed).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            RoutingApplier offline = new RoutingApplier(unreachable, null, new ClusterProperties(null, null, null, 0, 0));

            Throwable thrown = catchThrowable(() -> offline.dryRun(writes));

            assertThat(thrown).isInstanceOf(ClusterWriteException.class);
            ClusterWriteException failure = (ClusterWriteException) thrown;
            assertThat(failure.object()).isEqualTo("Gateway default/shop-gateway");
            assertThat(failure.status()).isZero();
            assertThat(failure.deleting()).isFalse();
            assertThat(failure.restored()).isEmpty();
            assertThat(failure.notRestored()).isEmpty();
        }
    }

    static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    static Status success() {
        return new StatusBuilder().withStatus("Success").build();
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
