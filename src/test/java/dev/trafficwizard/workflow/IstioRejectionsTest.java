package dev.trafficwizard.workflow;

import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** What Istio would refuse in the built objects becomes ISTIO_REJECTS at the plan field, when one is plain. */
class IstioRejectionsTest {

    static final TargetService WEBAPP = new TargetService("default", "fleetman-webapp", "version", List.of(
            new TargetService.ServiceVersion("original", 1, 1), new TargetService.ServiceVersion("experimental", 1, 1)));

    @Test
    void aValidPlanHasNone() {
        RoutingPlan plan = RoutingPlan.weighted("default", "fleetman-webapp",
                List.of(new WeightedDestination("original", 90), new WeightedDestination("experimental", 10)));
        assertThat(IstioRejections.of(plan, RoutingObjectBuilder.build(plan, WEBAPP))).isEmpty();
    }

    @Test
    void violationsAreMappedToThePlanFields() {
        RoutingPlan plan = new RoutingPlan("default", "fleetman-webapp", List.of("fleetman.com", "*.com"),
                new GatewayPlan("gw", true, List.of("localhost"), 80, true), List.of(
                new Rule(List.of(new MatchCondition(null, Map.of("@request.auth.claims.group",
                        new StringMatch("a", null, null)), null, null, null)),
                        List.of(new WeightedDestination("experimental", 100))),
                new Rule(List.of(), List.of(new WeightedDestination("original", 100)))), null);
        RoutingObjects objects = RoutingObjectBuilder.build(plan, WEBAPP);
        List<Diagnostic> rejections = IstioRejections.of(plan, objects);
        assertThat(rejections).extracting(Diagnostic::code, Diagnostic::severity, Diagnostic::path).contains(
                tuple("ISTIO_REJECTS", Severity.ERROR, "hosts[1]"),
                tuple("ISTIO_REJECTS", Severity.ERROR, "gateway.hosts[0]"),
                tuple("ISTIO_REJECTS", Severity.ERROR, "rules[0].match[0].headers.@request.auth.claims.group"));
        assertThat(rejections).allSatisfy(d -> assertThat(d.args()).hasSize(3));
    }

    @Test
    void headerPathsUseThePlansSpelling() {
        RoutingPlan plan = new RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(
                new Rule(List.of(new MatchCondition(null, Map.of("X-Foo", new StringMatch(null, null, "a\\Z")),
                        null, null, null)), List.of(new WeightedDestination("experimental", 100))),
                new Rule(List.of(), List.of(new WeightedDestination("original", 100)))), null);
        assertThat(IstioRejections.of(plan, RoutingObjectBuilder.build(plan, WEBAPP)))
                .extracting(Diagnostic::path).containsExactly("rules[0].match[0].headers.X-Foo");
    }

    @Test
    void destinationRulePolicyViolationsAreAtTrafficPolicyOrTheSubsetsVersionPolicies() {
        RoutingPlan plan = RoutingPlan.weighted("default", "fleetman-webapp",
                List.of(new WeightedDestination("original", 90), new WeightedDestination("experimental", 10)))
                .withPolicies(new dev.trafficwizard.routing.TrafficPolicy(
                        new dev.trafficwizard.routing.TrafficPolicy.Tls("MUTUAL", "client", null), null, null, null),
                        Map.of("experimental", new dev.trafficwizard.routing.TrafficPolicy(
                                new dev.trafficwizard.routing.TrafficPolicy.Tls("MUTUAL", "client", null), null, null,
                                null)));
        RoutingObjects objects = RoutingObjectBuilder.build(plan, WEBAPP);
        var spec = objects.destinationRule().getSpec();
        spec.getTrafficPolicy().getTls().setClientCertificate("/etc/certs/cert.pem");
        var subset = spec.getSubsets().stream().filter(s -> s.getName().equals("experimental")).findFirst()
                .orElseThrow();
        subset.getTrafficPolicy().getTls().setPrivateKey("/etc/certs/key.pem");

        assertThat(IstioRejections.of(plan, objects)).extracting(Diagnostic::code, Diagnostic::path)
                .containsExactlyInAnyOrder(tuple("ISTIO_REJECTS", "trafficPolicy"),
                        tuple("ISTIO_REJECTS", "versionPolicies.experimental"));
    }
}
