package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a plan's rule order and Gateway API precedence part ways. A plan is read first match in list
 * order, as a VirtualService is; written as an HTTPRoute, its rules are ordered by precedence (exact path,
 * longest prefix, method, header and query counts; see {@link HttpRoutePrecedence}), so a request both an
 * earlier and a later rule match can go to the later one. Each pair is found through a concrete request
 * built from the two rules' match values (paths, and a prefix plus one segment; method; header and query
 * values), so every pair reported is real; a pair only regular expressions could witness may be missed.
 * Parts of a match with no Gateway API equivalent are left out, as the HTTPRoute builder leaves them out.
 */
public final class PrecedenceOrder {

    /** Rule {@code earlierRule} takes a request in list order that Gateway API precedence gives {@code laterRule} (0-based). */
    public record Reordered(int earlierRule, int laterRule) {
    }

    private PrecedenceOrder() {
    }

    public static List<Reordered> differences(RoutingPlan plan) {
        HTTPRoute route = asRoute(plan);
        List<HTTPRouteRule> rules = route.getSpec().getRules();
        List<HttpRoutePrecedence.Candidate> candidates = HttpRoutePrecedence.candidates(List.of(route), "");
        Set<Reordered> found = new LinkedHashSet<>();
        for (HttpRoutePrecedence.Candidate a : candidates) {
            for (HttpRoutePrecedence.Candidate b : candidates) {
                if (a.ruleIndex() >= b.ruleIndex()) {
                    continue;
                }
                for (RouteRequest witness : witnesses(a.match(), b.match())) {
                    int first = firstInListOrder(rules, witness);
                    Optional<RouteChoice> chosen = HttpRoutePrecedence.resolve(List.of(route), witness);
                    if (first >= 0 && chosen.isPresent() && chosen.get().ruleIndex() != first) {
                        found.add(new Reordered(first, chosen.get().ruleIndex()));
                    }
                }
            }
        }
        return found.stream().sorted(java.util.Comparator.comparingInt(Reordered::earlierRule)
                .thenComparingInt(Reordered::laterRule)).toList();
    }

    /** One {@link DiagnosticCode#GATEWAY_API_ORDER} warning per pair, on the later rule, rules numbered from 1. */
    public static List<Diagnostic> diagnostics(RoutingPlan plan) {
        return differences(plan).stream().map(d -> Diagnostic.warning(DiagnosticCode.GATEWAY_API_ORDER,
                "rules[" + d.laterRule() + "]", d.laterRule() + 1, d.earlierRule() + 1)).toList();
    }

    private static HTTPRoute asRoute(RoutingPlan plan) {
        List<HTTPRouteRule> rules = new ArrayList<>();
        List<Untranslatable> ignored = new ArrayList<>();
        for (int i = 0; i < plan.rules().size(); i++) {
            Rule rule = plan.rules().get(i);
            List<HTTPRouteMatch> matches = new ArrayList<>();
            for (int j = 0; j < rule.match().size(); j++) {
                MatchCondition m = rule.match().get(j);
                matches.add(HttpRouteMatches.toGatewayApi(m, "rules[" + i + "].match[" + j + "]", ignored));
            }
            HTTPRouteRule out = new HTTPRouteRule();
            out.setMatches(matches.isEmpty() ? null : matches);
            rules.add(out);
        }
        HTTPRoute route = new HTTPRoute();
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(plan.namespace());
        meta.setName(plan.service());
        route.setMetadata(meta);
        HTTPRouteSpec spec = new HTTPRouteSpec();
        spec.setRules(rules);
        route.setSpec(spec);
        return route;
    }

    private static int firstInListOrder(List<HTTPRouteRule> rules, RouteRequest request) {
        for (int i = 0; i < rules.size(); i++) {
            List<HTTPRouteMatch> matches = HttpRouteMatches.nullSafe(rules.get(i).getMatches());
            if (matches.isEmpty() || matches.stream().anyMatch(m -> HttpRouteMatching.matches(m, request))) {
                return i;
            }
        }
        return -1;
    }

    /** Requests made of the two matches' values, each side's values taking the lead in turn. */
    private static List<RouteRequest> witnesses(HTTPRouteMatch a, HTTPRouteMatch b) {
        Set<String> paths = new LinkedHashSet<>();
        paths(a, paths);
        paths(b, paths);
        paths.add("/");
        List<RouteRequest> out = new ArrayList<>();
        for (HTTPRouteMatch[] lead : List.of(new HTTPRouteMatch[] {a, b}, new HTTPRouteMatch[] {b, a})) {
            String method = lead[0].getMethod() != null ? lead[0].getMethod()
                    : lead[1].getMethod() != null ? lead[1].getMethod() : "GET";
            Map<String, String> headers = new LinkedHashMap<>();
            Map<String, String> query = new LinkedHashMap<>();
            for (HTTPRouteMatch m : lead) {
                for (HTTPHeaderMatch h : HttpRouteMatching.effectiveHeaders(m)) {
                    headers.putIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), String.valueOf(h.getValue()));
                }
                for (HTTPQueryParamMatch q : HttpRouteMatching.effectiveQueryParams(m)) {
                    query.putIfAbsent(q.getName(), String.valueOf(q.getValue()));
                }
            }
            for (String path : paths) {
                out.add(new RouteRequest("", path, method, headers, query));
            }
        }
        return out;
    }

    private static void paths(HTTPRouteMatch m, Set<String> paths) {
        String type = HttpRouteMatching.pathType(m);
        String value = HttpRouteMatching.pathValue(m);
        if (HttpRouteMatching.EXACT.equals(type)) {
            paths.add(value);
        } else if (HttpRouteMatching.PATH_PREFIX.equals(type)) {
            String trimmed = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            paths.add(trimmed);
            paths.add((trimmed.equals("/") ? "" : trimmed) + "/x");
        }
    }
}
