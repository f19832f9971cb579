package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Every size limit, one over it: refused with TOO_MANY / TOO_LONG at the field, the limit as the
 * argument, and PlanValidator stops there (no other check runs on an oversized plan).
 */
class PlanLimitsTest {

    static final WeightedDestination ORIGINAL = new WeightedDestination("original", null);
    static final Rule CATCH_ALL = new Rule(List.of(), List.of(ORIGINAL));

    static RoutingPlan plan(List<String> hosts, GatewayPlan gateway, List<Rule> rules) {
        return new RoutingPlan("default", "fleetman-webapp", hosts, gateway, rules, null);
    }

    static RoutingPlan rules(List<Rule> rules) {
        return plan(List.of(), null, rules);
    }

    static Rule when(List<MatchCondition> match) {
        return new Rule(match, List.of(ORIGINAL));
    }

    static MatchCondition uri(String prefix) {
        return new MatchCondition(new StringMatch(null, prefix, null), null, null, null, null);
    }

    static Map<String, StringMatch> conditions(int n) {
        Map<String, StringMatch> map = new LinkedHashMap<>();
        IntStream.range(0, n).forEach(i -> map.put("x-h" + i, new StringMatch("v", null, null)));
        return map;
    }

    static Stream<Arguments> overLimit() {
        String long1025 = "a".repeat(1025);
        return Stream.of(
                Arguments.of("51 rules", rules(Collections.nCopies(51, CATCH_ALL)), "TOO_MANY", "rules", 50),
                Arguments.of("10,000 rules", rules(Collections.nCopies(10_000, CATCH_ALL)), "TOO_MANY", "rules", 50),
                Arguments.of("21 match entries", rules(List.of(when(IntStream.range(0, 21).mapToObj(i -> uri("/p" + i))
                        .toList()), CATCH_ALL)), "TOO_MANY", "rules[0].match", 20),
                Arguments.of("10,000 match entries", rules(List.of(CATCH_ALL, when(Collections.nCopies(10_000,
                        uri("/a"))))), "TOO_MANY", "rules[1].match", 20),
                Arguments.of("21 headers", rules(List.of(when(List.of(uri("/"), new MatchCondition(null, conditions(21),
                        null, null, null))), CATCH_ALL)), "TOO_MANY", "rules[0].match[1].headers", 20),
                Arguments.of("21 query params", rules(List.of(when(List.of(new MatchCondition(null, null, null, null,
                        conditions(21)))), CATCH_ALL)), "TOO_MANY", "rules[0].match[0].queryParams", 20),
                Arguments.of("501 conditions over all rules", rules(Collections.nCopies(13, when(List.of(
                        new MatchCondition(new StringMatch(null, "/", null), conditions(20), null, null,
                                conditions(20)))))), "TOO_MANY_CONDITIONS", "rules", 500),
                Arguments.of("21 destinations", rules(List.of(new Rule(List.of(), IntStream.range(0, 21)
                        .mapToObj(i -> new WeightedDestination("v" + i, 1)).toList()))), "TOO_MANY",
                        "rules[0].route", 20),
                Arguments.of("51 hosts", plan(Collections.nCopies(51, "a.example.com"), null, List.of(CATCH_ALL)),
                        "TOO_MANY", "hosts", 50),
                Arguments.of("51 gateway hosts", plan(List.of(), new GatewayPlan("gw", true,
                        Collections.nCopies(51, "a.example.com"), 80, false), List.of(CATCH_ALL)),
                        "TOO_MANY", "gateway.hosts", 50),
                Arguments.of("long uri", rules(List.of(when(List.of(uri("/" + long1025))), CATCH_ALL)),
                        "TOO_LONG", "rules[0].match[0].uri", 1024),
                Arguments.of("long header value", rules(List.of(when(List.of(new MatchCondition(null,
                        Map.of("x-a", new StringMatch(null, null, long1025)), null, null, null))), CATCH_ALL)),
                        "TOO_LONG", "rules[0].match[0].headers.x-a", 1024),
                Arguments.of("long header name", rules(List.of(when(List.of(new MatchCondition(null,
                        Map.of(long1025, new StringMatch("v", null, null)), null, null, null))), CATCH_ALL)),
                        "TOO_LONG", "rules[0].match[0].headers", 1024),
                Arguments.of("long host", plan(List.of("a".repeat(254)), null, List.of(CATCH_ALL)),
                        "TOO_LONG", "hosts[0]", 253),
                Arguments.of("long service", new RoutingPlan("default", "s".repeat(254), List.of(), null,
                        List.of(CATCH_ALL), null), "TOO_LONG", "service", 253),
                Arguments.of("long version", rules(List.of(new Rule(List.of(), List.of(new WeightedDestination(
                        "v".repeat(254), null))))), "TOO_LONG", "rules[0].route[0].version", 253),
                Arguments.of("long sticky header", new RoutingPlan("default", "fleetman-webapp", List.of(), null,
                        List.of(CATCH_ALL), new StickySession(long1025, null, null, null)), "TOO_LONG",
                        "stickySession.httpHeaderName", 1024));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLimit")
    void refusedAtTheFieldWithTheLimit(String name, RoutingPlan plan, String code, String path, int limit) {
        assertThat(PlanLimits.exceeded(plan)).extracting(Diagnostic::code, Diagnostic::path, Diagnostic::args)
                .containsExactly(tuple(code, path, List.of(limit)));
        assertThat(PlanValidator.validate(plan, null)).extracting(Diagnostic::code, Diagnostic::path)
                .containsExactly(tuple(code, path));
    }

    @Test
    void atTheLimitsNothingIsExceeded() {
        // 12 x 41 = 492 conditions in all, under the 500 over all rules
        List<Rule> rules = new java.util.ArrayList<>(Collections.nCopies(12, when(List.of(
                new MatchCondition(new StringMatch(null, "/" + "a".repeat(1023), null), conditions(20), null, null,
                        conditions(20))))));
        rules.add(CATCH_ALL);
        assertThat(PlanLimits.exceeded(plan(Collections.nCopies(50, "a.example.com"), null, rules))).isEmpty();
        assertThat(PlanLimits.exceeded(rules(List.of(when(Collections.nCopies(20, uri("/a"))), CATCH_ALL))))
                .isEmpty();
    }

    @Test
    void aNullPlanOrNullEntriesAreLeftToTheOtherChecks() {
        assertThat(PlanLimits.exceeded(null)).isEmpty();
        assertThat(PlanLimits.exceeded(rules(java.util.Arrays.asList(null, new Rule(java.util.Arrays.asList(
                (MatchCondition) null), java.util.Arrays.asList((WeightedDestination) null)))))).isEmpty();
    }
}
