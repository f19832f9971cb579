package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;

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
        RuleLoop.matches(plan, (i, j, m, path) -> {
            if (MatchCheck.isEmpty(m)) {
                return;
            }
            // the first rule holding a condition; later ones in the same rule are no duplicate of it
            Integer earlier = firstRule.putIfAbsent(m, i);
            if (earlier != null && earlier < i) {
                out.add(Diagnostic.warning(DiagnosticCode.DUPLICATE_MATCH, path, i, earlier));
            }
        });
    }
}
