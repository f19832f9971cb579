package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PlanValidatorTest {

    static final TargetService STAFF = new TargetService("default", "fleetman-staff-service", "version", List.of(
            new TargetService.ServiceVersion("safe", 2, 2),
            new TargetService.ServiceVersion("risky", 1, 1),
            new TargetService.ServiceVersion("broken", 0, 1)));

    static RoutingPlan weighted(Object... versionWeightPairs) {
        WeightedDestination[] route = new WeightedDestination[versionWeightPairs.length / 2];
        for (int i = 0; i < route.length; i++) {
            route[i] = new WeightedDestination((String) versionWeightPairs[2 * i], (Integer) versionWeightPairs[2 * i + 1]);
        }
        return RoutingPlan.weighted("default", "fleetman-staff-service", Arrays.asList(route));
    }

    static RoutingPlan withRules(Rule... rules) {
        return new RoutingPlan("default", "fleetman-staff-service", List.of(), null, List.of(rules), null);
    }

    static Stream<Arguments> cases() {
        Rule catchAll = new Rule(List.of(), List.of(new WeightedDestination("safe", 100)));
        MatchCondition header = new MatchCondition(null, Map.of("x-canary", new StringMatch("yes", null, null)),
                null, null, null);
        return Stream.of(
                Arguments.of("90/10 is valid", weighted("safe", 90, "risky", 10), null, null),
                Arguments.of("100/0 is valid", weighted("safe", 100, "risky", 0), null, null),
                Arguments.of("a lone version without weight gets 100", weighted("safe", null), null, null),
                Arguments.of("sum below 100", weighted("safe", 80, "risky", 10), "WEIGHT_SUM", "rules[0].route"),
                Arguments.of("sum above 100", weighted("safe", 95, "risky", 10), "WEIGHT_SUM", "rules[0].route"),
                Arguments.of("negative weight", weighted("safe", 110, "risky", -10), "WEIGHT_RANGE",
                        "rules[0].route[0].weight"),
                Arguments.of("missing weight among several", weighted("safe", 100, "risky", null), "WEIGHT_REQUIRED",
                        "rules[0].route[1].weight"),
                Arguments.of("unknown version", weighted("safe", 90, "canary", 10), "UNKNOWN_VERSION",
                        "rules[0].route[1].version"),
                Arguments.of("blank version", weighted("safe", 90, " ", 10), "REQUIRED", "rules[0].route[1].version"),
                Arguments.of("duplicate version", weighted("safe", 50, "safe", 50), "DUPLICATE_VERSION",
                        "rules[0].route[1].version"),
                Arguments.of("no destinations", withRules(new Rule(List.of(), List.of())), "NO_DESTINATIONS",
                        "rules[0].route"),
                Arguments.of("no rules", withRules(), "NO_RULES", "rules"),
                Arguments.of("rule after catch-all", withRules(catchAll, catchAll), "UNREACHABLE_RULE", "rules[1]"),
                Arguments.of("header match in the mesh validates, with a propagation warning", withRules(
                        new Rule(List.of(header), List.of(new WeightedDestination("risky", 100))), catchAll),
                        "HEADER_PROPAGATION", "rules[0].match[0].headers.x-canary"),
                Arguments.of("uri match is valid", withRules(new Rule(List.of(new MatchCondition(
                        new StringMatch(null, "/canary", null), null, null, null, null)),
                        List.of(new WeightedDestination("risky", 100))), catchAll), null, null),
                Arguments.of("bad namespace", new RoutingPlan("Default!", "fleetman-staff-service", null, null,
                        List.of(catchAll), null), "INVALID_NAME", "namespace"),
                Arguments.of("missing service", new RoutingPlan("default", null, null, null, List.of(catchAll), null),
                        "REQUIRED", "service"),
                Arguments.of("bad host", new RoutingPlan("default", "fleetman-staff-service", List.of("a b"), null,
                        List.of(catchAll), null), "INVALID_HOST", "hosts[0]"),
                Arguments.of("new gateway on * is valid", new RoutingPlan("default", "fleetman-staff-service", null,
                        new GatewayPlan("gw", true, List.of("*"), 80, false), List.of(catchAll), null), null, null),
                Arguments.of("existing gateway unknown without a mesh view", new RoutingPlan("default",
                        "fleetman-staff-service", null, new GatewayPlan("istio-system/gw", false, null, null, false),
                        List.of(catchAll), null), "GATEWAY_MISSING", "gateway.name"),
                Arguments.of("gateway without name, host not covered", new RoutingPlan("default",
                        "fleetman-staff-service", List.of("staff.fleetman.com"), new GatewayPlan(null, true,
                        List.of("fleetman.com"), 80, false), List.of(catchAll), null), "HOST_NOT_COVERED", "hosts[0]"),
                Arguments.of("sticky header is valid", new RoutingPlan("default", "fleetman-staff-service", null, null,
                        List.of(catchAll), new StickySession("x-myval", null, null, null)), null, null),
                Arguments.of("sticky session without key", new RoutingPlan("default", "fleetman-staff-service", null,
                        null, List.of(catchAll), new StickySession(null, null, null, null)), "STICKY_ONE_KEY",
                        "stickySession"),
                Arguments.of("traffic to a version without ready pods warns", weighted("safe", 90, "broken", 10),
                        "NO_READY_PODS", "rules[0].route[1].version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, RoutingPlan plan, String expectedCode, String expectedPath) {
        List<Diagnostic> diagnostics = PlanValidator.validate(plan, STAFF);
        if (expectedCode == null) {
            assertThat(diagnostics).isEmpty();
        } else {
            assertThat(diagnostics).extracting(Diagnostic::code, Diagnostic::path)
                    .contains(org.assertj.core.groups.Tuple.tuple(expectedCode, expectedPath));
        }
    }

    @Test
    void unknownServiceIsAnErrorOnTheServiceField() {
        List<Diagnostic> diagnostics = PlanValidator.validate(weighted("safe", 100), null);
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("UNKNOWN_SERVICE");
            assertThat(d.path()).isEqualTo("service");
            assertThat(d.isError()).isTrue();
        });
    }

    @Test
    void warningsDoNotBlock() {
        List<Diagnostic> diagnostics = PlanValidator.validate(weighted("safe", 90, "broken", 10), STAFF);
        assertThat(diagnostics).isNotEmpty();
        assertThat(PlanValidator.hasErrors(diagnostics)).isFalse();
    }

    @Test
    void sumIsNotReportedWhenAWeightIsAlreadyInvalid() {
        List<Diagnostic> diagnostics = PlanValidator.validate(weighted("safe", 150, "risky", 10), STAFF);
        assertThat(diagnostics).extracting(Diagnostic::code).containsExactly("WEIGHT_RANGE");
    }

    @Test
    void theMeshViewIsPassedToTheChecks() {
        RoutingPlan plan = new RoutingPlan("default", "fleetman-staff-service", null,
                new GatewayPlan("istio-system/gw", false, null, null, false), List.of(new Rule(List.of(),
                List.of(new WeightedDestination("safe", 100)))), null);
        MeshView mesh = MeshView.of(List.of(new MeshView.GatewayInfo("istio-system", "gw", List.of("*"))), List.of());
        assertThat(PlanValidator.validate(plan, STAFF, mesh)).isEmpty();
        assertThat(PlanValidator.validate(plan, STAFF)).extracting(Diagnostic::code).containsExactly("GATEWAY_MISSING");
        assertThat(PlanValidator.validate(plan, STAFF, null)).extracting(Diagnostic::code)
                .containsExactly("GATEWAY_MISSING");
    }

    @Test
    void partialPlansNeverThrow() {
        MeshView mesh = MeshView.of(List.of(new MeshView.GatewayInfo("istio-system", "gw", List.of("./*"))),
                List.of(new MeshView.VirtualServiceInfo("default", "other", List.of("*"), List.of("mesh"), false)));
        List<RoutingPlan> plans = List.of(
                new RoutingPlan(null, null, null, new GatewayPlan(null, false, null, null, true, null), null,
                        new StickySession(null, new StickySession.HttpCookie(null, null, null), null, null, " ")),
                new RoutingPlan(null, null, List.of("*"), new GatewayPlan("istio-system/gw", false, null, 443, true),
                        List.of(new Rule(List.of(new MatchCondition(null, null, null, null, null)), null)), null),
                new RoutingPlan("default", null, List.of("*"), new GatewayPlan("gw", true, null, null, false),
                        List.of(new Rule(List.of(new MatchCondition(new StringMatch(null, null, null),
                                Map.of("", new StringMatch("", "", "")), null, null, Map.of("", new StringMatch(
                                null, null, null)))), List.of(new WeightedDestination(null, null)))), null));
        for (RoutingPlan plan : plans) {
            assertThat(PlanValidator.validate(plan, null, mesh)).isNotEmpty();
            assertThat(PlanValidator.validate(plan, STAFF, mesh)).isNotEmpty();
        }
    }

    @Test
    void nullPlanIsRejected() {
        assertThat(PlanValidator.validate(null, STAFF)).extracting(Diagnostic::code).containsExactly("PLAN_REQUIRED");
    }
}
