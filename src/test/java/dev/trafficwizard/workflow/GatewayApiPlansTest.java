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
                    .contains("spec.subsets[stable].trafficPolicy.connectionPool.tcp.maxConnections"));
            // a plan with only tls still leaves the connection pool out of the version DestinationRule
            RoutingPlan owning = plan.withPolicies(null, Map.of("stable", MUTUAL));
            assertThat(GatewayApiPlans.diagnostics(owning, GatewayApiPlans.translate(owning, service, cluster.cache(),
                    null), service, cluster.cache())).filteredOn(d -> d.is(DiagnosticCode.FIELDS_DROPPED))
                    .singleElement().satisfies(d -> assertThat(d.args()).contains(
                            "spec.subsets[stable].trafficPolicy.connectionPool.tcp.maxConnections"));
            RoutingPlan carrying = plan.withPolicies(null, Map.of("stable", new TrafficPolicy(null, null,
                    new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(7, null), null), null)));
            assertThat(GatewayApiPlans.diagnostics(carrying, GatewayApiPlans.translate(carrying, service,
                    cluster.cache(), null), service, cluster.cache())).noneMatch(d -> d.is(DiagnosticCode.FIELDS_DROPPED));
        } finally {
            resource.delete();
        }
    }

    @Test
    void aMoveFromIstioWithPoliciesNamesEachHandSetLeafTheVersionDestinationRulesLeaveOut() {
        DestinationRule istio = new DestinationRuleBuilder().withNewMetadata().withName("inventory")
                .withNamespace("ambient").withLabels(Map.of(dev.trafficwizard.istio.Managed.LABEL,
                        dev.trafficwizard.istio.Managed.VALUE)).endMetadata().withNewSpec()
                .withHost("inventory.ambient.svc.cluster.local").withNewTrafficPolicy().withNewLoadBalancer()
                .withLbPolicy(new io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple(
                        io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB.LEAST_REQUEST))
                .withNewLocalityLbSetting().withEnabled(true).endLocalityLbSetting().endLoadBalancer()
                .withNewOutlierDetection().withConsecutive5xxErrors(5).withInterval("10s").endOutlierDetection()
                .endTrafficPolicy().addNewSubset().withName("stable").withLabels(Map.of("version", "stable"))
                .endSubset().endSpec().build();
        var resource = cluster.client().resource(istio);
        resource.create();
        try {
            org.awaitility.Awaitility.await().until(() -> cluster.cache().destinationRule("ambient", "inventory")
                    .isPresent());
            ServiceDetail service = catalog.service("ambient", "inventory").orElseThrow();
            RoutingPlan plan = new RoutingPlan("ambient", "inventory", List.of(), null, List.of(new Rule(List.of(),
                    List.of(new WeightedDestination("stable", 100)))), null, "gateway-api").withPolicies(MUTUAL, Map.of());
            List<Diagnostic> dropped = GatewayApiPlans.diagnostics(plan, GatewayApiPlans.translate(plan, service,
                    cluster.cache(), null), service, cluster.cache()).stream()
                    .filter(d -> d.is(DiagnosticCode.FIELDS_DROPPED)).toList();
            assertThat(dropped).singleElement().satisfies(d -> assertThat((String) d.args().get(2)).contains(
                    "spec.trafficPolicy.loadBalancer.simple", "spec.trafficPolicy.loadBalancer.localityLbSetting.enabled",
                    "spec.trafficPolicy.outlierDetection.consecutive5xxErrors",
                    "spec.trafficPolicy.outlierDetection.interval"));
            // a plan carrying the load balancer and outlier detection loses only the locality setting
            RoutingPlan carrying = plan.withPolicies(new TrafficPolicy(null, new TrafficPolicy.LoadBalancer(
                    "LEAST_REQUEST", null), null, new TrafficPolicy.OutlierDetection(3, "5s", null, null)), Map.of());
            assertThat(GatewayApiPlans.diagnostics(carrying, GatewayApiPlans.translate(carrying, service,
                    cluster.cache(), null), service, cluster.cache())).filteredOn(d -> d.is(DiagnosticCode.FIELDS_DROPPED))
                    .singleElement().satisfies(d -> assertThat(d.args().get(2))
                            .isEqualTo("spec.trafficPolicy.loadBalancer.localityLbSetting.enabled"));
        } finally {
            resource.delete();
        }
    }

    @Test
    void anUnmanagedDestinationRuleOfAnotherNameForAVersionServiceHostIsRefusedWhenThePlanWritesItsPolicy() {
        DestinationRule theirs = new DestinationRuleBuilder().withNewMetadata().withName("payments-canary-tuning")
                .withNamespace("ambient").endMetadata().withNewSpec().withHost("payments-v2").endSpec().build();
        var resource = cluster.client().resource(theirs);
        resource.create();
        try {
            org.awaitility.Awaitility.await().until(() -> cluster.cache().destinationRule("ambient",
                    "payments-canary-tuning").isPresent());
            ServiceDetail service = catalog.service("ambient", "payments").orElseThrow();
            List<Diagnostic> errors = GatewayApiPlans.versionServiceErrors(payments(split())
                    .withPolicies(null, Map.of("v2", MUTUAL)), service, cluster.cache());
            assertThat(errors).filteredOn(d -> d.is(DiagnosticCode.VERSION_POLICY_HOST_TAKEN)).singleElement()
                    .satisfies(d -> {
                        assertThat(d.path()).isEqualTo("versionPolicies.v2");
                        assertThat(d.isError()).isTrue();
                        assertThat(d.args()).containsExactly("ambient/payments-canary-tuning", "v2",
                                "payments-v2.ambient.svc.cluster.local");
                    });
            // the service's policy goes to every version: v2's too
            assertThat(codes(GatewayApiPlans.versionServiceErrors(payments(split()).withPolicies(MUTUAL, Map.of()),
                    service, cluster.cache()), DiagnosticCode.VERSION_POLICY_HOST_TAKEN)).containsExactly("trafficPolicy");
            // no policy for v2: nothing competes
            assertThat(GatewayApiPlans.versionServiceErrors(payments(split()).withPolicies(null, Map.of("v1", MUTUAL)),
                    service, cluster.cache())).isEmpty();
        } finally {
            resource.delete();
        }
    }

    @Test
    void aMoveBackToIstioNamesTheVersionPolicyTheNewDestinationRuleDoesNotCarry() {
        var target = catalog.service("ambient", "payments").orElseThrow().target();
        DestinationRule version = new DestinationRuleBuilder().withNewMetadata().withName("payments-v2")
                .withNamespace("ambient").endMetadata().withNewSpec().withHost("payments-v2.ambient.svc.cluster.local")
                .withNewTrafficPolicy().withNewOutlierDetection().withConsecutive5xxErrors(5).withInterval("10s")
                .endOutlierDetection().withNewTls().withMode(
                        io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode.ISTIO_MUTUAL).endTls()
                .endTrafficPolicy().endSpec().build();
        DestinationRule plain = new DestinationRuleBuilder().withNewMetadata().withName("payments")
                .withNamespace("ambient").endMetadata().withNewSpec().withHost("payments.ambient.svc.cluster.local")
                .addNewSubset().withName("v2").withLabels(Map.of(target.versionLabel(), "v2")).endSubset()
                .withNewTrafficPolicy().withNewTls().withMode(
                        io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode.ISTIO_MUTUAL).endTls()
                .endTrafficPolicy().endSpec().build();
        assertThat(DroppedPolicies.toIstio(version, "v2", plain, target)).hasValueSatisfying(d -> {
            assertThat(d.is(DiagnosticCode.FIELDS_DROPPED)).isTrue();
            assertThat(d.args()).containsExactly("DestinationRule", "ambient/payments-v2",
                    "spec.trafficPolicy.outlierDetection.consecutive5xxErrors, spec.trafficPolicy.outlierDetection.interval");
        });
        // carried by the v2 subset (or the top-level policy): nothing lost
        DestinationRule carrying = new DestinationRuleBuilder(plain).editSpec().editFirstSubset().withNewTrafficPolicy()
                .withNewOutlierDetection().withConsecutive5xxErrors(3).withInterval("5s").endOutlierDetection()
                .endTrafficPolicy().endSubset().endSpec().build();
        assertThat(DroppedPolicies.toIstio(version, "v2", carrying, target)).isEmpty();
    }
}
