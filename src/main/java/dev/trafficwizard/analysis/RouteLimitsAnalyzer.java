package dev.trafficwizard.analysis;

import dev.trafficwizard.gatewayapi.CrdLimits;
import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

import java.util.List;

/**
 * An HTTPRoute beyond the count limits of its CRD ({@link CrdLimits}, Gateway API v1.6.1), which the
 * API server refuses: more than 16 hostnames, 32 parent references, 16 rules, 64 matches or 16
 * backends per rule, 16 headers or query parameters per match ({@code ROUTE_OVER_LIMIT}, error, at
 * the list; arguments: how many, the limit), or more than 128 matches in all rules
 * ({@code ROUTE_TOO_MANY_MATCHES}, error, at {@code spec.rules}; a rule without matches counts one, the
 * default match the API server fills in). A live route never breaks them; a pasted or planned one can.
 * Istio's analyzers leave this to the API server's validation.
 */
public final class RouteLimitsAnalyzer extends HttpRouteAnalyzer {

    @Override
    void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out) {
        var spec = route.getSpec();
        over(route, spec.getHostnames(), CrdLimits.HOSTNAMES, "spec.hostnames", out);
        over(route, spec.getParentRefs(), CrdLimits.PARENT_REFS, "spec.parentRefs", out);
        List<HTTPRouteRule> rules = spec.getRules();
        if (rules == null) {
            return;
        }
        over(route, rules, CrdLimits.RULES, "spec.rules", out);
        int matches = 0;
        for (int i = 0; i < rules.size(); i++) {
            HTTPRouteRule rule = rules.get(i);
            if (rule == null) {
                continue;
            }
            String at = "spec.rules[" + i + "]";
            List<HTTPRouteMatch> ms = rule.getMatches();
            matches += ms == null || ms.isEmpty() ? 1 : ms.size();
            over(route, ms, CrdLimits.MATCHES_PER_RULE, at + ".matches", out);
            over(route, rule.getBackendRefs(), CrdLimits.BACKENDS, at + ".backendRefs", out);
            for (int j = 0; ms != null && j < ms.size(); j++) {
                if (ms.get(j) != null) {
                    over(route, ms.get(j).getHeaders(), CrdLimits.HEADERS_OR_PARAMS, at + ".matches[" + j + "].headers", out);
                    over(route, ms.get(j).getQueryParams(), CrdLimits.HEADERS_OR_PARAMS,
                            at + ".matches[" + j + "].queryParams", out);
                }
            }
        }
        if (matches > CrdLimits.MATCHES_IN_ALL) {
            out.add(Finding.error(DiagnosticCode.ROUTE_TOO_MANY_MATCHES, route, "spec.rules", matches,
                    CrdLimits.MATCHES_IN_ALL));
        }
    }

    private static void over(HTTPRoute route, List<?> list, int limit, String path, List<Finding> out) {
        if (list != null && list.size() > limit) {
            out.add(Finding.error(DiagnosticCode.ROUTE_OVER_LIMIT, route, path, list.size(), limit));
        }
    }
}
