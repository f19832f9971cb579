package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.trafficwizard.istio.RoutingObjectBuilderTest.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule's mirror, fault, timeout, retries and header changes, matches on missing headers, port and
 * source labels, and the DestinationRule's traffic policies: golden YAML, the real v1 schema,
 * Istio's admission rules, and reading the objects back gives the plan again.
 */
class ResilienceObjectsTest {

    static final StringMatch PRESENT = new StringMatch(null, null, null);

    static final Rule BETA = new Rule(List.of(
            new MatchCondition(null, Map.of("x-beta", new StringMatch("true", null, null)), null, null, null,
                    Map.of("x-legacy", PRESENT, "x-env", new StringMatch(null, "test", null)), 8080, null),
            new MatchCondition(new StringMatch(null, "/api", null), null, null, null, null, null, null,
                    Map.of("app", "fleetman-webapp", "track", "beta"))),
            List.of(new WeightedDestination("risky", 100)), null,
            new Fault(new Fault.Delay("2s", 5.0), new Fault.Abort(503, 1.0)), "2s",
            new Retries(3, "500ms", "5xx,connect-failure,503"),
            new HeaderChanges(new HeaderChanges.Operations(Map.of("x-a", "1"), Map.of("x-b", "2"), List.of("x-c")),
                    new HeaderChanges.Operations(Map.of("x-d", "%HOSTNAME%"), null, null)));

    static final Rule SPLIT = new Rule(List.of(), List.of(new WeightedDestination("safe", 90),
            new WeightedDestination("risky", 10)), new Mirror("risky", 10.0), null, "5s", null, null);

    static final TrafficPolicy POLICY = new TrafficPolicy(new TrafficPolicy.Tls("ISTIO_MUTUAL", null, null),
            new TrafficPolicy.LoadBalancer("LEAST_REQUEST", null),
            new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(100, "3s"),
                    new TrafficPolicy.ConnectionPool.Http(10, 100, 1, 3)),
            new TrafficPolicy.OutlierDetection(5, "10s", "30s", 50));

    static final TrafficPolicy RISKY_POLICY = new TrafficPolicy(new TrafficPolicy.Tls("SIMPLE", "risky-ca", "risky.example.com"),
            null, new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(10, null), null),
            new TrafficPolicy.OutlierDetection(1, null, "1m", null));

    static final RoutingPlan RESILIENT = new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
            List.of(BETA, SPLIT), null, null, POLICY, Map.of("risky", RISKY_POLICY));

    /** Versions pinned by cookie: the pins carry the catch-all's mirror, retries, timeout and headers. */
    static final RoutingPlan PINNED = new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
            List.of(new Rule(List.of(), List.of(new WeightedDestination("safe", 80), new WeightedDestination("risky", 20)),
                    new Mirror("risky", null), null, "3s", new Retries(0, null, null),
                    new HeaderChanges(null, new HeaderChanges.Operations(null, Map.of("x-served-by", "wizard"), null)))),
            new StickySession("x-user", null, null, null, "ver"), null,
            new TrafficPolicy(null, null, null, new TrafficPolicy.OutlierDetection(3, "5s", null, null)),
            Map.of("safe", new TrafficPolicy(null, new TrafficPolicy.LoadBalancer("RANDOM", null), null, null)));

    record Case(String name, RoutingPlan plan, String golden) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(new Case("rule resilience, matches and policies", RESILIENT, "/golden/staff-resilience.yaml"),
                new Case("version pins carrying the split's resilience", PINNED, "/golden/staff-resilience-pinned.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenYaml(Case c) throws IOException {
        String yaml = YamlRenderer.render(RoutingObjectBuilder.build(c.plan(), STAFF).all());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources" + c.golden()), yaml);
        }
        assertThat(yaml).isEqualTo(RoutingObjectBuilderTest.resource(c.golden()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyObjectIsValidAgainstTheRealV1SchemaAndIstiosAdmission(Case c) {
        for (HasMetadata object : RoutingObjectBuilder.build(c.plan(), STAFF).all()) {
            assertThat(IstioSchemas.validate(object)).as(object.getKind()).isEmpty();
            assertThat(IstioValidation.validate(object)).as(object.getKind()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readingTheObjectsBackGivesThePlan(Case c) {
        RoutingObjects objects = RoutingObjectBuilder.build(c.plan(), STAFF);
        assertThat(RoutingPlanParser.parse(objects.virtualService(), objects.destinationRule(), STAFF))
                .contains(c.plan());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thePastedV1beta1AndV1alpha3ObjectsReadBackToo(Case c) {
        String yaml = YamlRenderer.render(RoutingObjectBuilder.build(c.plan(), STAFF).all());
        for (String version : List.of("v1beta1", "v1alpha3")) {
            var paste = PasteReader.read(yaml.replace("networking.istio.io/v1\n", "networking.istio.io/" + version + "\n"),
                    1_000_000);
            assertThat(paste.ok()).as(version).isTrue();
            var vs = (VirtualService) paste.routingObjects().stream().filter(o -> o instanceof VirtualService)
                    .findFirst().orElseThrow();
            var dr = (io.fabric8.istio.api.networking.v1.DestinationRule) paste.routingObjects().stream()
                    .filter(o -> o instanceof io.fabric8.istio.api.networking.v1.DestinationRule).findFirst().orElseThrow();
            assertThat(RoutingPlanParser.parse(vs, dr, STAFF)).as(version).contains(c.plan());
        }
    }

    static List<Rule> ruleShapes() {
        List<MatchCondition> beta = List.of(new MatchCondition(null, Map.of("x-beta", PRESENT), null, null, null));
        List<WeightedDestination> risky = List.of(new WeightedDestination("risky", 100));
        return List.of(
                new Rule(beta, risky, new Mirror("safe", null), null, null, null, null),
                new Rule(beta, risky, new Mirror("risky", 0.0), null, null, null, null),
                new Rule(beta, risky, null, new Fault(new Fault.Delay("250ms", null), null), null, null, null),
                new Rule(beta, risky, null, new Fault(null, new Fault.Abort(404, 0.5)), null, null, null),
                new Rule(beta, risky, null, null, "1m", null, null),
                new Rule(beta, risky, null, null, null, new Retries(0, null, null), null),
                new Rule(beta, risky, null, null, null, new Retries(2, null, "gateway-error"), null),
                new Rule(beta, risky, null, null, null, new Retries(5, "1s", null), null),
                new Rule(beta, risky, null, null, null, null, new HeaderChanges(
                        new HeaderChanges.Operations(null, null, List.of("x-a", "x-b")), null)),
                new Rule(beta, risky, null, null, null, null, new HeaderChanges(null,
                        new HeaderChanges.Operations(Map.of("cache-control", "no-store"), null, null))),
                new Rule(List.of(new MatchCondition(null, null, null, null, null,
                        Map.of("x-beta", new StringMatch(null, null, "t.*")), null, null)), risky),
                new Rule(List.of(new MatchCondition(null, null, null, null, null, null, 9080, null)), risky),
                new Rule(List.of(new MatchCondition(null, null, null, null, null, null, null,
                        Map.of("version", "v1"))), risky));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleShapes")
    void everyRuleShapeIsValidAndReadsBackAsItself(Rule rule) {
        RoutingPlan plan = new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
                List.of(rule, new Rule(List.of(), List.of(new WeightedDestination("safe", 100)))), null);
        RoutingObjects objects = RoutingObjectBuilder.build(plan, STAFF);
        for (HasMetadata object : objects.all()) {
            assertThat(IstioSchemas.validate(object)).as(object.getKind()).isEmpty();
            assertThat(IstioValidation.validate(object)).as(object.getKind()).isEmpty();
        }
        assertThat(RoutingPlanParser.parse(objects.virtualService(), objects.destinationRule(), STAFF)).contains(plan);
    }

    @Test
    void theCrdsCelRulesAreCheckedToo() {
        RoutingObjects objects = RoutingObjectBuilder.build(RESILIENT, STAFF);
        VirtualService vs = Serialization.clone(objects.virtualService());
        vs.getSpec().getHttp().get(0).setTimeout("500us");
        vs.getSpec().getHttp().get(0).getRetries().setPerTryTimeout("soon");
        assertThat(IstioSchemas.validate(vs)).extracting(m -> m.getMessage()).anyMatch(m -> m.contains(".timeout"))
                .anyMatch(m -> m.contains(".retries.perTryTimeout"));
        var dr = Serialization.clone(objects.destinationRule());
        dr.getSpec().getTrafficPolicy().getOutlierDetection().setInterval("0s");
        assertThat(IstioSchemas.validate(dr)).extracting(m -> m.getMessage())
                .anyMatch(m -> m.contains("spec.trafficPolicy.outlierDetection.interval"));
    }

    @Test
    void versionPinsCarryTheSplitsMirrorTimeoutRetriesAndHeaders() {
        var http = RoutingObjectBuilder.build(PINNED, STAFF).virtualService().getSpec().getHttp();
        assertThat(http).hasSize(3);
        for (var route : http) {
            assertThat(route.getTimeout()).isEqualTo("3s");
            assertThat(route.getMirror().getSubset()).isEqualTo("risky");
            assertThat(route.getMirrorPercentage()).isNull();
            assertThat(route.getRetries().getAttempts()).isZero();
            assertThat(route.getHeaders().getResponse().getAdd()).containsEntry("x-served-by", "wizard");
        }
    }

    @Test
    void aPinWhoseResilienceDiffersFromTheSplitIsNotAPlan() {
        RoutingObjects objects = RoutingObjectBuilder.build(PINNED, STAFF);
        VirtualService vs = Serialization.clone(objects.virtualService());
        vs.getSpec().getHttp().get(0).setTimeout("9s");
        assertThat(RoutingPlanParser.parse(vs, objects.destinationRule(), STAFF)).isEmpty();
    }

    @Test
    void aMirroredVersionGetsASubsetAndAPolicyOfAVersionNoRuleUsesIsNotWritten() {
        RoutingPlan plan = new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
                List.of(new Rule(List.of(), List.of(new WeightedDestination("safe", 100)), new Mirror("risky", 50.0),
                        null, null, null, null)), null).withPolicies(null, Map.of("unknown", RISKY_POLICY));
        var dr = RoutingObjectBuilder.build(plan, STAFF).destinationRule();
        assertThat(dr.getSpec().getSubsets()).extracting(s -> s.getName()).containsExactly("safe", "risky");
        assertThat(dr.getSpec().getSubsets()).allMatch(s -> s.getTrafficPolicy() == null);
        assertThat(dr.getSpec().getTrafficPolicy()).isNull();
    }

    @Test
    void aConsistentHashGivenAsTheLoadBalancerIsWrittenAsTheStickySessionAndReadBackAsOne() {
        StickySession header = new StickySession("x-user", null, null, null);
        RoutingPlan asPolicy = RESILIENT.withPolicies(new TrafficPolicy(null,
                new TrafficPolicy.LoadBalancer(null, header), null, null), Map.of());
        RoutingPlan asSticky = new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
                RESILIENT.rules(), header);
        assertThat(YamlRenderer.render(RoutingObjectBuilder.build(asPolicy, STAFF).all()))
                .isEqualTo(YamlRenderer.render(RoutingObjectBuilder.build(asSticky, STAFF).all()));
        RoutingObjects objects = RoutingObjectBuilder.build(asPolicy, STAFF);
        assertThat(RoutingPlanParser.parse(objects.virtualService(), objects.destinationRule(), STAFF))
                .hasValueSatisfying(p -> assertThat(p.sticky()).isEqualTo(header));
    }

    @Test
    void liveValuesAPlanCannotExpressMakeTheObjectsReadOnly() {
        RoutingObjects objects = RoutingObjectBuilder.build(RESILIENT, STAFF);
        for (String edit : List.of("grpc", "exponential", "mirrorPort", "otherHost", "backoff")) {
            VirtualService vs = Serialization.clone(objects.virtualService());
            var http = vs.getSpec().getHttp().get(0);
            switch (edit) {
                case "grpc" -> http.getFault().getAbort().setErrorType(
                        new io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortGrpcStatus("UNAVAILABLE"));
                case "exponential" -> http.getFault().getDelay().setHttpDelayType(
                        new io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayExponentialDelay("1s"));
                case "mirrorPort" -> vs.getSpec().getHttp().get(1).getMirror().setPort(
                        new io.fabric8.istio.api.api.networking.v1alpha3.PortSelector(8080L));
                case "otherHost" -> vs.getSpec().getHttp().get(1).getMirror().setHost("shadow.default.svc.cluster.local");
                default -> http.getRetries().setBackoff("1s");
            }
            assertThat(RoutingPlanParser.parse(vs, objects.destinationRule(), STAFF)).as(edit).isEmpty();
        }
    }

    @Test
    void policyFieldsAPlanCannotExpressDoNotStopReadingTheRest() {
        RoutingObjects objects = RoutingObjectBuilder.build(RESILIENT, STAFF);
        var dr = Serialization.clone(objects.destinationRule());
        dr.getSpec().getTrafficPolicy().getTls().setSubjectAltNames(List.of("spiffe://cluster.local/ns/default/sa/x"));
        dr.getSpec().getTrafficPolicy().getOutlierDetection().setConsecutiveGatewayErrors(4);
        assertThat(RoutingPlanParser.parse(objects.virtualService(), dr, STAFF)).contains(RESILIENT);
    }
}
