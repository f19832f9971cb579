package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.DemoClusterFixture;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayApiPlansTest {

    private static DemoClusterFixture cluster;
    private static Catalog catalog;

    @BeforeAll
    static void start() {
        cluster = new DemoClusterFixture(true);
        catalog = dev.trafficwizard.catalog.TestCatalogs.of(cluster.cache());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static final TrafficPolicy MUTUAL = new TrafficPolicy(new TrafficPolicy.Tls("ISTIO_MUTUAL", null, null),
            null, null, null);

    private static RoutingPlan payments(Rule rule) {
        return new RoutingPlan("ambient", "payments", List.of(), null, List.of(rule), null, "gateway-api");
    }

    private static Rule split() {
        return new Rule(List.of(), List.of(new WeightedDestination("v1", 90), new WeightedDestination("v2", 10)));
    }

    private static List<String> codes(List<Diagnostic> diagnostics, DiagnosticCode code) {
        return diagnostics.stream().filter(d -> d.is(code)).map(Diagnostic::path).toList();
    }

    @Test
    void versionServicesTakeOnlyTheServicesPortIdentityNeverItsNodePort() {
        Service nodePort = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withType("NodePort").addNewPort().withName("http").withPort(80)
                .withTargetPort(new IntOrString(8080)).withNodePort(30080).withProtocol("TCP").withAppProtocol("http")
                .endPort().endSpec().build();
        var ports = GatewayApiPlans.ports(nodePort);
        assertThat(ports).singleElement().satisfies(p -> {
            assertThat(p.getNodePort()).isNull();
            assertThat(p.getPort()).isEqualTo(80);
            assertThat(p.getTargetPort().getIntVal()).isEqualTo(8080);
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getAppProtocol()).isEqualTo("http");
        });
        assertThat(ports.get(0)).as("a copy, not the cached object").isNotSameAs(nodePort.getSpec().getPorts().get(0));
    }

    @Test
    void faultIsAnErrorAtItsFieldRetryAWarningThatTheExperimentalCrdIsNeededAndThePolicyGoesPerVersion() {
        RoutingPlan plan = payments(new Rule(List.of(), split().route(), new Mirror("v2", 5.0),
                new Fault(null, new Fault.Abort(503, 1.0)), "2s", new Retries(3, "500ms", "503"), null))
                .withPolicies(MUTUAL, Map.of());
        ServiceDetail service = catalog.service("ambient", "payments").orElseThrow();
        GatewayApiObjects objects = GatewayApiPlans.translate(plan, service, cluster.cache(), null);
        List<Diagnostic> diagnostics = GatewayApiPlans.diagnostics(plan, objects, service, cluster.cache());
        assertThat(codes(diagnostics, DiagnosticCode.GATEWAY_API_UNTRANSLATABLE)).containsExactly("rules[0].fault");
        assertThat(diagnostics).filteredOn(d -> d.is(DiagnosticCode.GATEWAY_API_UNTRANSLATABLE))
                .allSatisfy(d -> assertThat(d.isError()).isTrue());
        assertThat(codes(diagnostics, DiagnosticCode.GATEWAY_API_EXPERIMENTAL)).containsExactly("rules[0].retries");
        assertThat(codes(diagnostics, DiagnosticCode.GATEWAY_API_DIFFERENCE)).containsExactly("rules[0].retries.retryOn");
        assertThat(codes(diagnostics, DiagnosticCode.GATEWAY_API_POLICY_PER_VERSION)).containsExactly("trafficPolicy");
        assertThat(objects.destinationRules()).extracting(d -> d.getSpec().getHost()).containsExactly(
                "payments-v1.ambient.svc.cluster.local", "payments-v2.ambient.svc.cluster.local");
    }

    @Test
    void theVersionPoliciesAreWrittenAfterTheVersionServicesAndBeforeTheRoute() {
        RoutingPlan plan = payments(split()).withPolicies(MUTUAL, Map.of());
        ServiceDetail service = catalog.service("ambient", "payments").orElseThrow();
        GatewayApiObjects objects = GatewayApiPlans.translate(plan, service, cluster.cache(), null);
        List<HasMetadata> written = GatewayApiPlans.writes(objects, service, cluster.cache()).stream()
                .map(RoutingApplier.Write::desired).toList();
        assertThat(written).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "Service/payments-v1", "Service/payments-v2", "DestinationRule/payments-v1",
                "DestinationRule/payments-v2", "HTTPRoute/payments");
        assertThat(written.get(4)).isInstanceOf(HTTPRoute.class);
    }

    @Test
    void anUnmanagedDestinationRuleAtAVersionsNameIsNeverOverwritten() {
        DestinationRule theirs = new DestinationRuleBuilder().withNewMetadata().withName("payments-v2")
                .withNamespace("ambient").endMetadata().withNewSpec()
                .withHost("payments-v2.ambient.svc.cluster.local").endSpec().build();
        var resource = cluster.client().resource(theirs);
        resource.create();
        try {
            org.awaitility.Awaitility.await().until(() -> cluster.cache().destinationRule("ambient", "payments-v2")
                    .isPresent());
            ServiceDetail service = catalog.service("ambient", "payments").orElseThrow();
            List<Diagnostic> errors = GatewayApiPlans.versionServiceErrors(payments(split())
                    .withPolicies(null, Map.of("v2", MUTUAL)), service, cluster.cache());
            assertThat(codes(errors, DiagnosticCode.VERSION_POLICY_TAKEN)).containsExactly("versionPolicies.v2");
            // without a policy for v2 nothing is written there: no error
            assertThat(GatewayApiPlans.versionServiceErrors(payments(split()).withPolicies(null, Map.of("v1", MUTUAL)),
                    service, cluster.cache())).isEmpty();
        } finally {
            resource.delete();
        }
    }

    @Test
    void aMoveFromIstioNamesTheDroppedSubsetPoliciesUnlessThePlanCarriesItsOwn() {
        DestinationRule istio = new DestinationRuleBuilder().withNewMetadata().withName("inventory")
                .withNamespace("ambient").withLabels(Map.of(dev.trafficwizard.istio.Managed.LABEL,
                        dev.trafficwizard.istio.Managed.VALUE)).endMetadata().withNewSpec()
                .withHost("inventory.ambient.svc.cluster.local").addNewSubset().withName("stable")
                .withLabels(Map.of("version", "stable")).withNewTrafficPolicy().withNewConnectionPool().withNewTcp()
                .withMaxConnections(5).endTcp().endConnectionPool().endTrafficPolicy().endSubset().endSpec().build();
        var resource = cluster.client().resource(istio);
        resource.create();
        try {
            org.awaitility.Awaitility.await().until(() -> cluster.cache().destinationRule("ambient", "inventory")
                    .isPresent());
            ServiceDetail service = catalog.service("ambient", "inventory").orElseThrow();
            RoutingPlan plan = new RoutingPlan("ambient", "inventory", List.of(), null, List.of(new Rule(List.of(),
                    List.of(new WeightedDestination("stable", 100)))), null, "gateway-api");
            List<Diagnostic> dropped = GatewayApiPlans.diagnostics(plan, GatewayApiPlans.translate(plan, service,
                    cluster.cache(), null), service, cluster.cache()).stream()
                    .filter(d -> d.is(DiagnosticCode.FIELDS_DROPPED)).toList();
            assertThat(dropped).singleElement().satisfies(d -> assertThat(d.args())
                    .contains("spec.subsets[stable].trafficPolicy"));
            RoutingPlan owning = plan.withPolicies(null, Map.of("stable", MUTUAL));
            assertThat(GatewayApiPlans.diagnostics(owning, GatewayApiPlans.translate(owning, service, cluster.cache(),
                    null), service, cluster.cache())).noneMatch(d -> d.is(DiagnosticCode.FIELDS_DROPPED));
        } finally {
            resource.delete();
        }
    }
}
