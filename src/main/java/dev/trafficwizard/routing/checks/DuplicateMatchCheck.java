package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A match entry equal to one of an earlier rule can never be reached: the earlier rule takes
 * every request it fits ({@code DUPLICATE_MATCH}, warning, at {@code rules[i].match[j]}, arguments:
 * the rule index and the earlier rule's index; like istioctl's IST0131).
 */
public final class DuplicateMatchCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        Map<MatchCondition, Integer> firstRule = new HashMap<>();
        for (int i = 0; i < plan.rules().size(); i++) {
            Rule rule = plan.rules().get(i);
            if (rule == null) {
                continue;
            }
            for (int j = 0; j < rule.match().size(); j++) {
                MatchCondition m = rule.match().get(j);
                if (MatchCheck.isEmpty(m)) {
                    continue;
                }
                Integer earlier = firstRule.get(m);
                if (earlier != null && earlier < i) {
                    out.add(Diagnostic.warning("DUPLICATE_MATCH", "rules[" + i + "].match[" + j + "]", i, earlier));
                }
            }
            for (MatchCondition m : rule.match()) {
                if (!MatchCheck.isEmpty(m)) {
                    firstRule.putIfAbsent(m, i);
                }
            }
        }
    }
}
