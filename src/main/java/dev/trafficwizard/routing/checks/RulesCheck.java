package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.RuleReachability;

import java.util.List;

/**
 * The rule list: at least one ({@code NO_RULES} at {@code rules}), at most
 * {@link Limits#MAX_RULES} ({@code TOO_MANY}), none missing ({@code REQUIRED} at
 * {@code rules[i]}), and none that can never be used ({@code UNREACHABLE_RULE}, error, at
 * {@code rules[i]}, IST0130 as {@link RuleReachability} finds it: after a catch-all, or every
 * condition the same as an earlier one; arguments: the rule, the {@link RuleReachability.Reason}
 * ordinal, the catch-all rule before it or -1). Istio only warns; a plan is refused, since the rule
 * was written to be used.
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
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == null) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, "rules[" + i + "]"));
            }
        }
        RuleReachability.check(DuplicateMatchCheck.entries(plan), new RuleReachability.Findings() {
            @Override
            public void unreachable(int rule, RuleReachability.Reason reason, int earlier) {
                out.add(Diagnostic.error(DiagnosticCode.UNREACHABLE_RULE, "rules[" + rule + "]", rule + 1,
                        reason.ordinal(), earlier + 1));
            }
        });
    }

    /** Whether the other rule checks should look at the rules one by one. */
    static boolean checkable(RoutingPlan plan) {
        return plan.rules().size() <= Limits.MAX_RULES;
    }
}
