package dev.trafficwizard.routing;

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
                Arguments.of("match not yet supported", withRules(
                        new Rule(List.of(header), List.of(new WeightedDestination("risky", 100))), catchAll),
                        "UNSUPPORTED", "rules[0].match"),
                Arguments.of("bad namespace", new RoutingPlan("Default!", "fleetman-staff-service", null, null,
                        List.of(catchAll), null), "INVALID_NAME", "namespace"),
                Arguments.of("missing service", new RoutingPlan("default", null, null, null, List.of(catchAll), null),
                        "REQUIRED", "service"),
                Arguments.of("bad host", new RoutingPlan("default", "fleetman-staff-service", List.of("a b"), null,
                        List.of(catchAll), null), "INVALID_HOST", "hosts[0]"),
                Arguments.of("gateway not yet supported", new RoutingPlan("default", "fleetman-staff-service", null,
                        new GatewayPlan("gw", true, List.of("*"), 80, false), List.of(catchAll), null),
                        "UNSUPPORTED", "gateway"),
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
    void nullPlanIsRejected() {
        assertThat(PlanValidator.validate(null, STAFF)).extracting(Diagnostic::code).containsExactly("PLAN_REQUIRED");
    }
}
