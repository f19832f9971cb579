package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;

import java.util.List;

/**
 * Consistent hashing combined with a weighted split does not keep a user on one version: Envoy
 * picks the version at random for each request before it hashes (istio/istio#9764)
 * ({@code STICKY_WEIGHTED}, warning, at {@code stickySession} or
 * {@code trafficPolicy.loadBalancer.consistentHash}, wherever the plan gives it; argument: the number of the first
 * rule with such a split, counted from 1 as the simulator and the diagrams count). Not reported when {@code keepVersionCookie} pins versions.
 */
public final class StickyWeightedCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        StickySession sticky = plan.sticky();
        if (sticky != null && sticky.hashKeys() > 0 && !sticky.pinsVersions()) {
            warnOnSplit(plan, path(plan), out);
        }
        // a version's own consistent hash chooses among that version's pods only, after the split
        new java.util.TreeMap<>(plan.versionPolicies()).forEach((version, policy) -> {
            if (policy != null && policy.loadBalancer() != null && policy.loadBalancer().consistentHash() != null
                    && policy.loadBalancer().consistentHash().hashKeys() > 0) {
                warnOnSplit(plan, "versionPolicies." + version + ".loadBalancer.consistentHash", out);
            }
        });
    }

    private static void warnOnSplit(RoutingPlan plan, String path, List<Diagnostic> out) {
        for (int i = 0; i < plan.rules().size(); i++) {
            if (splits(plan.rules().get(i))) {
                out.add(Diagnostic.warning(DiagnosticCode.STICKY_WEIGHTED, path, i + 1));
                return;
            }
        }
    }

    /** Where the plan gives its sticky session: {@code stickySession} or the service policy's consistent hash. */
    static String path(RoutingPlan plan) {
        return plan.stickySession() != null ? "stickySession" : TrafficPolicyCheck.CONSISTENT_HASH;
    }

    /** Whether the rule sends traffic to more than one version. */
    static boolean splits(Rule rule) {
        if (rule == null) {
            return false;
        }
        long receiving = rule.route().stream()
                .filter(java.util.Objects::nonNull)
                .map(d -> d.effectiveWeight(rule.route().size()))
                .filter(w -> w != null && w > 0)
                .count();
        return receiving > 1;
    }
}
