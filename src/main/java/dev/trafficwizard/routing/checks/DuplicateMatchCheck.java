package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.MatchShape;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.RuleReachability;

import java.util.List;

/**
 * Match conditions that never take a request, as Istio finds them (IST0131, see
 * {@link RuleReachability}), warnings at {@code rules[i].match[j]}:
 * <ul>
 *   <li>{@code DUPLICATE_MATCH}: the same condition as an earlier one, in an earlier rule or
 *       earlier in the same rule (arguments: rule, condition, earlier rule, earlier condition);</li>
 *   <li>{@code INEFFECTIVE_MATCH}: an earlier path prefix condition takes all its requests,
 *       {@code /api} before {@code /api/v1} (the same four, then the earlier prefix and its own).</li>
 * </ul>
 */
public final class DuplicateMatchCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        RuleReachability.check(entries(plan), new RuleReachability.Findings() {
            @Override
            public void ineffective(int rule, int match, int earlierRule, int earlierMatch, boolean duplicate) {
                String path = "rules[" + rule + "].match[" + match + "]";
                if (duplicate) {
                    out.add(Diagnostic.warning(DiagnosticCode.DUPLICATE_MATCH, path, rule + 1, match + 1,
                            earlierRule + 1, earlierMatch + 1));
                } else {
                    out.add(Diagnostic.warning(DiagnosticCode.INEFFECTIVE_MATCH, path, rule + 1, match + 1,
                            earlierRule + 1, earlierMatch + 1, prefix(plan, earlierRule, earlierMatch), prefix(plan, rule, match)));
                }
            }
        });
    }

    /**
     * The plan's rules as {@link RuleReachability} reads them: a condition is its own identity;
     * an empty one ({@code EMPTY_MATCH}, reported by {@link MatchCheck}) is compared with nothing.
     */
    static List<List<RuleReachability.Entry>> entries(RoutingPlan plan) {
        return plan.rules().stream().map(rule -> rule == null ? null : rule.match().stream()
                .map(m -> m == null || MatchCheck.isEmpty(m) ? new RuleReachability.Entry(null, null)
                        : new RuleReachability.Entry(m, MatchShape.of(m))).toList()).toList();
    }

    private static String prefix(RoutingPlan plan, int rule, int match) {
        MatchCondition m = plan.rules().get(rule).match().get(match);
        return m.uri().prefix();
    }
}
