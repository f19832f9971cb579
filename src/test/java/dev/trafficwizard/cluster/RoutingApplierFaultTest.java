package dev.trafficwizard.cluster;

import dev.trafficwizard.istio.Managed;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.DelayPathable;
import io.fabric8.mockwebserver.dsl.ReturnOrWebsocketable;
import io.fabric8.mockwebserver.dsl.TimesOnceableOrHttpHeaderable;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * "No half-applied change": one apply of three writes (Gateway create, DestinationRule update,
 * VirtualService update) fails at each step in each way a real API server can fail, and afterwards
 * the cluster, re-read through an independent client, holds exactly what it held before.
 *
 * <p>How the faults get in, all over real HTTP against the mock API server:
 * <ul>
 * <li>HTTP 500, HTTP 409 and the timeout are expectations on the CRUD mock server. With
 * {@code @EnableKubernetesMockClient(crud = true)} the server runs fabric8's
 * {@code KubernetesMixedDispatcher}: a request whose method and path (query included) match a pending
 * expectation gets the scripted answer and is NOT stored; every other request goes to the CRUD
 * store. {@code once()} makes the fault hit exactly the chosen step; the undo writes, which reuse the
 * same paths, reach the store again. (A plain {@code new KubernetesMockServer(..., new
 * KubernetesCrudDispatcher(), false)}, as the demo cluster uses, would ignore expectations.)</li>
 * <li>Timeout: the expectation answers after {@link #SERVER_DELAY_MS}, far beyond the applier
 * client's {@link #REQUEST_TIMEOUT_MS} request timeout; the server writes nothing.</li>
 * <li>Connection refused: an {@link Interceptor} on the applier's client sends the chosen request to
 * a loopback port nobody listens on, so the socket connect really is refused; all other requests,
 * the earlier writes and the undo included, go to the mock server.</li>
 * </ul>
 * The applier's client has no retries (a retry would turn the one-shot 500 into a success). The
 * cache and all re-reads use the independent client the extension injects.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RoutingApplierFaultTest {

    static final String NS = "default";
    static final long REQUEST_TIMEOUT_MS = 750;
    static final long SERVER_DELAY_MS = 3000;

    static final String GATEWAYS = "/apis/networking.istio.io/v1/namespaces/default/gateways";
    static final String GATEWAY = GATEWAYS + "/shop-gateway";
    static final String DESTINATION_RULE = "/apis/networking.istio.io/v1/namespaces/default/destinationrules/reviews";
    static final String VIRTUAL_SERVICE = "/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews";

    static final String GATEWAY_NAME = "Gateway default/shop-gateway";
    static final String DR_NAME = "DestinationRule default/reviews";
    static final String VS_NAME = "VirtualService default/reviews";

    /** The three writes of the apply, in order: how each reaches the server, and how it is undone. */
    enum Step {
        GATEWAY_CREATE("POST", GATEWAYS, GATEWAY_NAME, "DELETE " + GATEWAY),
        DESTINATION_RULE_UPDATE("PUT", DESTINATION_RULE, DR_NAME, "PUT " + DESTINATION_RULE),
        VIRTUAL_SERVICE_UPDATE("PUT", VIRTUAL_SERVICE, VS_NAME, "PUT " + VIRTUAL_SERVICE);

        final String method;
        final String path;
        final String object;
        final String undoRequest;

        Step(String method, String path, String object, String undoRequest) {
            this.method = method;
            this.path = path;
            this.object = object;
            this.undoRequest = undoRequest;
        }

        String request() {
            return method + " " + path;
        }
    }

    enum Fault { HTTP_500, HTTP_409, TIMEOUT, CONNECTION_REFUSED }

    KubernetesMockServer server;
    /** Independent of the applier: seeds, feeds the cache, re-reads. */
    KubernetesClient client;

    KubernetesClient applierClient;
    RefuseConnection refuser;
    ClusterCache cache;
    RoutingApplier applier;

    Map<String, Map<String, Object>> before;
    List<RoutingApplier.Write> writes;

    @BeforeEach
    void setUp() throws InterruptedException {
        var istio = client.adapt(IstioClient.class).v1();
        DestinationRule liveDr = istio.destinationRules().resource(destinationRule(false)).create();
        VirtualService liveVs = istio.virtualServices().resource(virtualService(false)).create();

        ClusterProperties properties = new ClusterProperties(ClusterProperties.Mode.DEMO, null, null, 10, 2000);
        cache = new ClusterCache(client, properties, new ClusterInfo(ClusterProperties.Mode.DEMO, "test", "mock"));
        refuser = new RefuseConnection();
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                .withMasterUrl(server.url("/"))
                .withNamespace(NS)
                .withRequestTimeout((int) REQUEST_TIMEOUT_MS)
                .withRequestRetryBackoffLimit(0)
                .build();
        applierClient = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("refuse-connection", refuser))
                .build();
        // one round trip so that the first write is not slowed down by the client warming up
        applierClient.adapt(IstioClient.class).v1().virtualServices().withName("reviews").get();
        applier = new RoutingApplier(applierClient, cache, properties);

        writes = List.of(new RoutingApplier.Write(gateway(), null),
                new RoutingApplier.Write(destinationRule(true), liveDr),
                new RoutingApplier.Write(virtualService(true), liveVs));
        before = clusterState();
        assertThat(before.get("Gateway")).isNull();
        drainRequests();
    }

    @AfterEach
    void tearDown() {
        cache.close();
        applierClient.close();
    }

    static Stream<Arguments> everyStepAndFault() {
        return Arrays.stream(Step.values())
                .flatMap(step -> Arrays.stream(Fault.values()).map(fault -> Arguments.of(step, fault)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("everyStepAndFault")
    void aFailureAtAnyStepLeavesTheClusterAsItWas(Step step, Fault fault) throws InterruptedException {
        inject(step, fault);

        Throwable thrown = catchThrowable(() -> applier.apply(writes));

        List<Step> earlier = Arrays.asList(Step.values()).subList(0, step.ordinal());
        List<String> undoneInReverse = new ArrayList<>(earlier.stream().map(s -> s.object).toList());
        java.util.Collections.reverse(undoneInReverse);
        if (fault == Fault.HTTP_409) {
            assertThat(thrown).isInstanceOf(ClusterConflictException.class);
            ClusterConflictException conflict = (ClusterConflictException) thrown;
            assertThat(conflict.kind() + " " + conflict.namespace() + "/" + conflict.name()).isEqualTo(step.object);
        } else {
            assertThat(thrown).isInstanceOf(ClusterWriteException.class);
            ClusterWriteException failure = (ClusterWriteException) thrown;
            assertThat(failure.object()).isEqualTo(step.object);
            assertThat(failure.deleting()).isFalse();
            assertThat(failure.status()).isEqualTo(fault == Fault.HTTP_500 ? 500 : 0);
            assertThat(failure.reason()).containsIgnoringCase(switch (fault) {
                case HTTP_500 -> "etcd unavailable";
                case TIMEOUT -> "timeout";
                default -> "refused";
            });
            assertThat(failure.restored()).containsExactlyElementsOf(undoneInReverse);
            assertThat(failure.notRestored()).isEmpty();
        }
        assertThat(clusterState()).as("what the cluster holds after the failed apply").isEqualTo(before);

        // the earlier writes really reached the server, and were undone in reverse order
        List<String> expected = new ArrayList<>(earlier.stream().map(Step::request).toList());
        if (fault != Fault.CONNECTION_REFUSED) {
            expected.add(step.request());
        }
        List<Step> reversed = new ArrayList<>(earlier);
        java.util.Collections.reverse(reversed);
        reversed.forEach(s -> expected.add(s.undoRequest));
        assertThat(writesSeenByServer()).containsExactlyElementsOf(expected);
    }

    @Test
    void theWholeApplySucceedsWithoutFaults() throws InterruptedException {
        assertThat(applier.apply(writes)).extracting(a -> a.change().done())
                .containsExactly("created", "updated", "updated");
        assertThat(clusterState()).isNotEqualTo(before);
        assertThat(writesSeenByServer()).containsExactly(Step.GATEWAY_CREATE.request(),
                Step.DESTINATION_RULE_UPDATE.request(), Step.VIRTUAL_SERVICE_UPDATE.request());
    }

    @Test
    void whenPuttingBackTheDestinationRuleFailsTheExceptionNamesIt() throws InterruptedException {
        // the VirtualService write fails; only once it has, the DestinationRule's next PUT (the restore) fails too
        server.expect().put().withPath(VIRTUAL_SERVICE).andReply(500, request -> {
            server.expect().put().withPath(DESTINATION_RULE).andReturn(500, status(500, "InternalError",
                    "etcdserver: request timed out")).once();
            return status(500, "InternalError", "etcdserver: leader changed");
        }).once();

        Throwable thrown = catchThrowable(() -> applier.apply(writes));

        assertThat(thrown).isInstanceOf(ClusterWriteException.class);
        ClusterWriteException failure = (ClusterWriteException) thrown;
        assertThat(failure.object()).isEqualTo(VS_NAME);
        assertThat(failure.reason()).isEqualTo("etcdserver: leader changed");
        assertThat(failure.notRestored()).containsExactly(DR_NAME);
        assertThat(failure.restored()).containsExactly(GATEWAY_NAME);
        Map<String, Map<String, Object>> after = clusterState();
        assertThat(after.get("DestinationRule")).as("left as written: the user is told")
                .isEqualTo(state(destinationRule(true))).isNotEqualTo(before.get("DestinationRule"));
        assertThat(after.get("VirtualService")).isEqualTo(before.get("VirtualService"));
        assertThat(after.get("Gateway")).isNull();
        assertThat(writesSeenByServer()).containsExactly(Step.GATEWAY_CREATE.request(),
                Step.DESTINATION_RULE_UPDATE.request(), Step.VIRTUAL_SERVICE_UPDATE.request(),
                Step.DESTINATION_RULE_UPDATE.undoRequest, Step.GATEWAY_CREATE.undoRequest);
    }

    @Test
    void aConflictWhoseUndoFailsIsNotReportedAsAPlainConflict() {
        server.expect().put().withPath(VIRTUAL_SERVICE).andReturn(409, status(409, "Conflict",
                "the object has been modified; please apply your changes to the latest version")).once();
        server.expect().delete().withPath(GATEWAY).andReturn(500, status(500, "InternalError", "etcd down")).once();

        Throwable thrown = catchThrowable(() -> applier.apply(writes));

        assertThat(thrown).as("a conflict means nothing was written; here the Gateway stayed")
                .isInstanceOf(ClusterWriteException.class);
        ClusterWriteException failure = (ClusterWriteException) thrown;
        assertThat(failure.status()).isEqualTo(409);
        assertThat(failure.restored()).containsExactly(DR_NAME);
        assertThat(failure.notRestored()).containsExactly(GATEWAY_NAME);
        Map<String, Map<String, Object>> after = clusterState();
        assertThat(after.get("Gateway")).isEqualTo(state(gateway()));
        assertThat(after.get("DestinationRule")).isEqualTo(before.get("DestinationRule"));
        assertThat(after.get("VirtualService")).isEqualTo(before.get("VirtualService"));
    }

    // --- fault injection ---

    void inject(Step step, Fault fault) {
        switch (fault) {
            case HTTP_500 -> expect(step).withPath(step.path)
                    .andReturn(500, status(500, "InternalError", "Internal error occurred: etcd unavailable")).once();
            case HTTP_409 -> expect(step).withPath(step.path).andReturn(409, step == Step.GATEWAY_CREATE
                    ? status(409, "AlreadyExists", "gateways.networking.istio.io \"shop-gateway\" already exists")
                    : status(409, "Conflict", "the object has been modified; please apply your changes to the "
                    + "latest version and try again")).once();
            // answers long after the client gave up; nothing is stored
            case TIMEOUT -> expect(step).delay(SERVER_DELAY_MS, TimeUnit.MILLISECONDS).withPath(step.path)
                    .andReturn(200, writes.get(step.ordinal()).desired()).once();
            case CONNECTION_REFUSED -> refuser.refuseNext(step.method, step.path);
        }
    }

    DelayPathable<ReturnOrWebsocketable<TimesOnceableOrHttpHeaderable<Void>>> expect(Step step) {
        return "POST".equals(step.method) ? server.expect().post() : server.expect().put();
    }

    static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    /** Sends the next request with the given method and path to a closed loopback port: connection refused. */
    static final class RefuseConnection implements Interceptor {

        private final int closedPort = closedPort();
        private final AtomicReference<String> next = new AtomicReference<>();

        void refuseNext(String method, String path) {
            next.set(method + " " + path);
        }

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            URI uri = request.uri();
            String target = request.method() + " " + uri.getRawPath() + (uri.getRawQuery() == null ? ""
                    : "?" + uri.getRawQuery());
            if (target.equals(next.getAndUpdate(wanted -> target.equals(wanted) ? null : wanted))) {
                builder.uri(URI.create("http://127.0.0.1:" + closedPort + target.substring(target.indexOf(' ') + 1)));
            }
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // --- what the server saw and holds ---

    void drainRequests() throws InterruptedException {
        for (int n = server.getRequestCount(); n > 0; n--) {
            server.takeRequest(1, TimeUnit.SECONDS);
        }
    }

    /** The writes (everything but reads and watches) the server received since setUp, in order. */
    List<String> writesSeenByServer() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if (!"GET".equals(request.getMethod())) {
                seen.add(request.getMethod() + " " + request.getPath());
            }
        }
        return seen;
    }

    /** Spec, labels and annotations of the three objects, re-read from the server; null for an absent one. */
    Map<String, Map<String, Object>> clusterState() {
        var istio = client.adapt(IstioClient.class).v1();
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        state.put("Gateway", state(istio.gateways().inNamespace(NS).withName("shop-gateway").get()));
        state.put("DestinationRule", state(istio.destinationRules().inNamespace(NS).withName("reviews").get()));
        state.put("VirtualService", state(istio.virtualServices().inNamespace(NS).withName("reviews").get()));
        return state;
    }

    static Map<String, Object> state(HasMetadata object) {
        if (object == null) {
            return null;
        }
        Map<?, ?> json = Serialization.jsonMapper().convertValue(object, Map.class);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("spec", json.get("spec"));
        state.put("labels", object.getMetadata().getLabels());
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        state.put("annotations", annotations == null || annotations.isEmpty() ? null : annotations);
        return state;
    }

    // --- the objects ---

    static Gateway gateway() {
        return new GatewayBuilder()
                .withNewMetadata().withName("shop-gateway").withNamespace(NS)
                .addToLabels(Managed.LABEL, Managed.VALUE).endMetadata()
                .withNewSpec().addToSelector("istio", "ingressgateway")
                .addNewServer().withNewPort().withName("http").withNumber(80L).withProtocol("HTTP").endPort()
                .addToHosts("shop.example.com").endServer()
                .endSpec().build();
    }

    static DestinationRule destinationRule(boolean withV3) {
        var spec = new DestinationRuleBuilder()
                .withNewMetadata().withName("reviews").withNamespace(NS)
                .addToLabels(Managed.LABEL, Managed.VALUE).endMetadata()
                .withNewSpec().withHost("reviews")
                .addNewSubset().withName("v1").addToLabels("version", "v1").endSubset()
                .addNewSubset().withName("v2").addToLabels("version", "v2").endSubset();
        if (withV3) {
            spec = spec.addNewSubset().withName("v3").addToLabels("version", "v3").endSubset();
        }
        return spec.endSpec().build();
    }

    static VirtualService virtualService(boolean viaGateway) {
        var spec = new VirtualServiceBuilder()
                .withNewMetadata().withName("reviews").withNamespace(NS)
                .addToLabels(Managed.LABEL, Managed.VALUE).endMetadata()
                .withNewSpec().addToHosts("reviews");
        if (viaGateway) {
            spec = spec.addToHosts("shop.example.com").addToGateways("shop-gateway", "mesh")
                    .addNewHttp()
                    .addNewRoute().withNewDestination().withHost("reviews").withSubset("v1").endDestination()
                    .withWeight(50).endRoute()
                    .addNewRoute().withNewDestination().withHost("reviews").withSubset("v3").endDestination()
                    .withWeight(50).endRoute()
                    .endHttp();
        } else {
            spec = spec.addNewHttp()
                    .addNewRoute().withNewDestination().withHost("reviews").withSubset("v1").endDestination()
                    .withWeight(100).endRoute()
                    .endHttp();
        }
        return spec.endSpec().build();
    }
}
