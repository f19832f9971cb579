package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;

/**
 * The walk over a plan's rules and their match conditions that the checks share, with the path of
 * each ({@code rules[i]}, {@code rules[i].match[j]}); holes ({@code null}) are passed over, since
 * {@link PlanStructure} reports them.
 */
final class RuleLoop {

    private RuleLoop() {
    }

    @FunctionalInterface
    interface RuleVisitor {
        void visit(int index, Rule rule, String path);
    }

    @FunctionalInterface
    interface MatchVisitor {
        void visit(int ruleIndex, int matchIndex, MatchCondition match, String path);
    }

    static void rules(RoutingPlan plan, RuleVisitor visitor) {
        for (int i = 0; i < plan.rules().size(); i++) {
            Rule rule = plan.rules().get(i);
            if (rule != null) {
                visitor.visit(i, rule, "rules[" + i + "]");
            }
        }
    }

    static void matches(RoutingPlan plan, MatchVisitor visitor) {
        rules(plan, (i, rule, path) -> {
            for (int j = 0; j < rule.match().size(); j++) {
                MatchCondition match = rule.match().get(j);
                if (match != null) {
                    visitor.visit(i, j, match, path + ".match[" + j + "]");
                }
            }
        });
    }
}
