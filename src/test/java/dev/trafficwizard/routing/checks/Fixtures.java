package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The seed services and small builders for table-driven check tests. */
final class Fixtures {

    static final TargetService WEBAPP = new TargetService("default", "fleetman-webapp", "version", List.of(
            new TargetService.ServiceVersion("original", 2, 2),
            new TargetService.ServiceVersion("experimental", 1, 1)));
    static final TargetService STAFF = new TargetService("default", "fleetman-staff-service", "version", List.of(
            new TargetService.ServiceVersion("safe", 2, 2),
            new TargetService.ServiceVersion("risky", 1, 1)));

    static final String GW = "ingress-gateway-configuration";
    static final MeshView.GatewayInfo SHARED_GATEWAY =
            new MeshView.GatewayInfo("istio-system", "shared-gateway", List.of("*.fleetman.com", "fleetman.com"));
    static final MeshView MESH = MeshView.of(List.of(SHARED_GATEWAY), List.of());

    private Fixtures() {
    }

    // --- destinations, rules, matches

    static WeightedDestination to(String version, Integer weight) {
        return new WeightedDestination(version, weight);
    }

    static Rule when(MatchCondition match, String version) {
        return new Rule(List.of(match), List.of(to(version, 100)));
    }

    static Rule when(List<MatchCondition> match, String version) {
        return new Rule(match, List.of(to(version, 100)));
    }

    static Rule otherwise(WeightedDestination... route) {
        return new Rule(List.of(), List.of(route));
    }

    static Rule otherwise(String version) {
        return otherwise(to(version, 100));
    }

    static StringMatch exact(String value) {
        return new StringMatch(value, null, null);
    }

    static StringMatch prefix(String value) {
        return new StringMatch(null, value, null);
    }

    static StringMatch regex(String value) {
        return new StringMatch(null, null, value);
    }

    static StringMatch present() {
        return new StringMatch(null, null, null);
    }

    static MatchCondition uri(StringMatch m) {
        return new MatchCondition(m, null, null, null, null);
    }

    static MatchCondition header(String name, StringMatch m) {
        return new MatchCondition(null, Map.of(name, m), null, null, null);
    }

    static MatchCondition authority(StringMatch m) {
        return new MatchCondition(null, null, m, null, null);
    }

    static MatchCondition method(StringMatch m) {
        return new MatchCondition(null, null, null, m, null);
    }

    static MatchCondition query(String name, StringMatch m) {
        return new MatchCondition(null, null, null, null, Map.of(name, m));
    }

    // --- plans

    static GatewayPlan newGateway(String... hosts) {
        return new GatewayPlan(GW, true, List.of(hosts), 80, false);
    }

    static GatewayPlan newGatewayWithMesh(String... hosts) {
        return new GatewayPlan(GW, true, List.of(hosts), 80, true);
    }

    static GatewayPlan existingGateway(String name) {
        return new GatewayPlan(name, false, List.of(), null, false);
    }

    static RoutingPlan webapp(GatewayPlan gateway, List<String> hosts, Rule... rules) {
        return new RoutingPlan("default", "fleetman-webapp", hosts, gateway, List.of(rules), null);
    }

    static RoutingPlan webapp(GatewayPlan gateway, Rule... rules) {
        return webapp(gateway, List.of(), rules);
    }

    static RoutingPlan sticky(StickySession sticky, Rule... rules) {
        return new RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(rules), sticky);
    }

    static RoutingPlan staff(Rule... rules) {
        return new RoutingPlan("default", "fleetman-staff-service", List.of(), null, List.of(rules), null);
    }

    static RoutingPlan webapp9010() {
        return webapp(null, otherwise(to("original", 90), to("experimental", 10)));
    }

    static CheckContext context(TargetService target) {
        return new CheckContext(target, MESH);
    }

    static CheckContext context(TargetService target, MeshView mesh) {
        return new CheckContext(target, mesh);
    }

    // --- cases

    static Arguments fails(String name, RoutingPlan plan, CheckContext context, String code, Severity severity,
                           String path) {
        return Arguments.of(name, plan, context, code, severity, path);
    }

    static Arguments passes(String name, RoutingPlan plan, CheckContext context) {
        return Arguments.of(name, plan, context, null, null, null);
    }

    /** Runs one check: a passing case yields nothing, a failing case yields the expected finding. */
    static void verify(PlanCheck check, RoutingPlan plan, CheckContext context, String code, Severity severity,
                       String path) {
        List<Diagnostic> out = new ArrayList<>();
        check.check(plan, context, out);
        if (code == null) {
            assertThat(out).isEmpty();
        } else {
            assertThat(out).extracting(Diagnostic::code, Diagnostic::severity, Diagnostic::path)
                    .contains(tuple(code, severity, path));
        }
    }
}
