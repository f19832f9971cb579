package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RuleReachability;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;

/**
 * IST0131: a match entry of a VirtualService rule that never takes a request, as
 * {@link RuleReachability} finds it, info as in Istio, at {@code spec.http[i].match[j]}:
 * {@code DUPLICATE_MATCH} when an earlier entry is the same (names aside; arguments: rule,
 * entry, earlier rule, earlier entry), {@code INEFFECTIVE_MATCH} when an earlier path prefix
 * entry takes all its requests (the same four, then the earlier prefix and its own).
 */
public final class IneffectiveMatchAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        for (RouteMatches.Routes routes : RouteMatches.of(vs)) {
            RuleReachability.check(routes.rules(), new RuleReachability.Findings() {
                @Override
                public void ineffective(int rule, int match, int earlierRule, int earlierMatch, boolean duplicate) {
                    Object[] args = {routes.ruleLabel(rule), routes.matchLabel(rule, match),
                            routes.ruleLabel(earlierRule), routes.matchLabel(earlierRule, earlierMatch),
                            routes.prefix(earlierRule, earlierMatch), routes.prefix(rule, match)};
                    String path = routes.matchPath(rule, match);
                    out.add(duplicate ? Finding.info(DiagnosticCode.DUPLICATE_MATCH, vs, path, args)
                            : Finding.info(DiagnosticCode.INEFFECTIVE_MATCH, vs, path, args));
                }
            });
        }
    }
}
