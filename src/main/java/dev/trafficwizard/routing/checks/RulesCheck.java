package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;

import java.util.List;

/**
 * The rule list: at least one ({@code NO_RULES} at {@code rules}), at most
 * {@link Limits#MAX_RULES} ({@code TOO_MANY}), none missing ({@code REQUIRED} at
 * {@code rules[i]}), and none after a catch-all ({@code UNREACHABLE_RULE} at {@code rules[i]},
 * like istioctl's IST0130).
 */
public final class RulesCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        List<Rule> rules = plan.rules();
        if (rules.isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.NO_RULES, "rules"));
            return;
        }
        if (rules.size() > Limits.MAX_RULES) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, "rules", Limits.MAX_RULES));
            return;
        }
        boolean catchAllSeen = false;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule == null) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, "rules[" + i + "]"));
                continue;
            }
            if (catchAllSeen) {
                out.add(Diagnostic.error(DiagnosticCode.UNREACHABLE_RULE, "rules[" + i + "]", i));
            }
            catchAllSeen |= rule.catchAll();
        }
    }

    /** Whether the other rule checks should look at the rules one by one. */
    static boolean checkable(RoutingPlan plan) {
        return plan.rules().size() <= Limits.MAX_RULES;
    }
}
