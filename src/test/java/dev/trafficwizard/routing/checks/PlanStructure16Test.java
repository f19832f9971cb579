package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TrafficPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.checks.Fixtures.*;
import static dev.trafficwizard.routing.checks.Fixtures16.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Holes and size limits of the #16 fields, through the whole validator. */
class PlanStructure16Test {

    private static <V> Map<String, V> nullValue(String key) {
        Map<String, V> map = new HashMap<>();
        map.put(key, null);
        return map;
    }

    @Test
    void holesInNewMapsAndListsAreNamed() {
        List<String> removes = new ArrayList<>();
        removes.add(null);
        Rule rule = new Rule(List.of(new MatchCondition(null, null, null, null, null,
                PlanStructure16Test.<StringMatch>nullValue("x-a"), null, nullValue("app"))), List.of(to("original", 100)),
                null, null, null, null, new HeaderChanges(new HeaderChanges.Operations(nullValue("x-s"), null, removes),
                new HeaderChanges.Operations(null, nullValue("x-r"), null)));
        RoutingPlan plan = new RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(rule,
                otherwise("original")), null, null, null, PlanStructure16Test.<TrafficPolicy>nullValue("original"));
        assertThat(PlanValidator.validate(plan, WEBAPP, MESH))
                .extracting(Diagnostic::code, Diagnostic::severity, Diagnostic::path)
                .containsExactlyInAnyOrder(
                        tuple("REQUIRED", ERROR, "rules[0].match[0].withoutHeaders.x-a"),
                        tuple("REQUIRED", ERROR, "rules[0].match[0].sourceLabels.app"),
                        tuple("REQUIRED", ERROR, "rules[0].headers.request.set.x-s"),
                        tuple("REQUIRED", ERROR, "rules[0].headers.request.remove[0]"),
                        tuple("REQUIRED", ERROR, "rules[0].headers.response.add.x-r"),
                        tuple("REQUIRED", ERROR, "versionPolicies.original"));
    }

    @Test
    void limitsOfNewFields() {
        Map<String, String> many = new HashMap<>();
        for (int k = 0; k <= Limits.MAX_HEADER_CHANGES; k++) {
            many.put("x-" + k, "v");
        }
        Rule rule = new Rule(List.of(), List.of(to("original", 100)), null, null, "1".repeat(1025) + "s",
                new Retries(Limits.MAX_RETRY_ATTEMPTS + 1, null, null),
                new HeaderChanges(new HeaderChanges.Operations(many, null, null), null));
        assertThat(PlanLimits.exceeded(plan(rule)))
                .extracting(Diagnostic::code, Diagnostic::severity, Diagnostic::path)
                .containsExactlyInAnyOrder(
                        tuple("TOO_LONG", ERROR, "rules[0].timeout"),
                        tuple("TOO_MANY", ERROR, "rules[0].retries.attempts"),
                        tuple("TOO_MANY", ERROR, "rules[0].headers.request.set"));
    }

    @Test
    void retryAttemptsAtTheLimitPass() {
        Rule rule = new Rule(List.of(), List.of(to("original", 100)), null, null, null,
                new Retries(Limits.MAX_RETRY_ATTEMPTS, null, null), null);
        assertThat(PlanLimits.exceeded(plan(rule))).isEmpty();
    }
}
