package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RuleReachability;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;

/**
 * IST0130: a rule of a VirtualService's {@code http}, {@code tcp} or {@code tls} list that is never
 * used, as {@link RuleReachability} finds it: after a catch-all rule, or every match entry the same
 * as an earlier one ({@code UNREACHABLE_RULE}, warning as in Istio, at {@code spec.http[i]};
 * arguments: the rule, the reason's ordinal, the catch-all rule before it or -1).
 */
public final class UnreachableRuleAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        for (RouteMatches.Routes routes : RouteMatches.of(vs)) {
            RuleReachability.check(routes.rules(), new RuleReachability.Findings() {
                @Override
                public void unreachable(int rule, RuleReachability.Reason reason, int earlier) {
                    out.add(Finding.warning(DiagnosticCode.UNREACHABLE_RULE, vs, routes.rulePath(rule),
                            routes.ruleLabel(rule), reason.ordinal(), earlier < 0 ? "" : routes.ruleLabel(earlier)));
                }
            });
        }
    }
}
