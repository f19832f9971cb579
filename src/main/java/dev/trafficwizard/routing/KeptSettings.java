package dev.trafficwizard.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan that does not speak of resilience or traffic policies keeps of the live routing: the
 * quick-start forms show neither, and neither does a pipeline that only moves weights, so a
 * timeout or an outlier detection set in the rules editor must survive their change. A plan that
 * sets any rule's mirror, fault, timeout, retries or header changes owns them on every rule; a plan
 * with a traffic policy or version policies owns the policies. Otherwise each rule takes the
 * settings of the live rule with the same match (the n-th rule with a match to the n-th live rule
 * with it, the catch-all to the catch-all), and the plan takes the live policies. Pure.
 */
public final class KeptSettings {

    private KeptSettings() {
    }

    /** {@code plan} with what it keeps of {@code live} (unchanged when it owns both kinds of setting). */
    public static RoutingPlan onto(RoutingPlan plan, RoutingPlan live) {
        if (plan == null || live == null) {
            return plan;
        }
        RoutingPlan out = plan;
        if (plan.rules().stream().noneMatch(r -> r != null && r.hasResilience())) {
            out = out.withRules(rules(plan.rules(), live.rules()));
        }
        if (plan.trafficPolicy() == null && plan.versionPolicies().isEmpty()
                && (live.trafficPolicy() != null || !live.versionPolicies().isEmpty())) {
            out = out.withPolicies(live.trafficPolicy(), live.versionPolicies());
        }
        return out;
    }

    private static List<Rule> rules(List<Rule> rules, List<Rule> live) {
        Map<List<MatchCondition>, List<Rule>> byMatch = new HashMap<>();
        for (Rule rule : live) {
            if (rule != null) {
                byMatch.computeIfAbsent(rule.match(), m -> new ArrayList<>()).add(rule);
            }
        }
        Map<List<MatchCondition>, Integer> used = new HashMap<>();
        List<Rule> out = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule == null) {
                out.add(null);
                continue;
            }
            int n = used.merge(rule.match(), 1, Integer::sum) - 1;
            List<Rule> same = byMatch.getOrDefault(rule.match(), List.of());
            Rule was = n < same.size() ? same.get(n) : null;
            out.add(was == null || !was.hasResilience() ? rule : new Rule(rule.match(), rule.route(), was.mirror(),
                    was.fault(), was.timeout(), was.retries(), was.headers()));
        }
        return out;
    }
}
