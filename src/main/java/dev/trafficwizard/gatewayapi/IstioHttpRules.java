package dev.trafficwizard.gatewayapi;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPDirectResponse;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One (route, rule, match) of an HTTPRoute as the Istio HTTP rule Istio generates for it (its
 * {@code convertHTTPRoute}, one match per rule): Exact and RegularExpression paths as they are, a
 * PathPrefix {@code /x} as two entries, {@code exact /x} and {@code prefix /x/}, because a VirtualService
 * prefix is a plain string prefix and the Gateway API's matches whole segments (Istio gets the same
 * from Envoy's path-separated prefix); method, header and query matches; the filters ({@link IstioFilters};
 * mirrors, retry and timeouts, {@link IstioRuleFields});
 * the backendRefs with weight above 0 (none left and no redirect: a direct response 500, as Istio answers). A rule without
 * matches stays without: it is the catch-all, ranked last.
 */
final class IstioHttpRules {

    private IstioHttpRules() {
    }

    static HTTPRoute of(HttpRoutePrecedence.Candidate c, BackendHosts backends) {
        HTTPRouteRule rule = c.route().getSpec().getRules().get(c.ruleIndex());
        HTTPRoute out = new HTTPRoute();
        out.setName(GatewayApiModel.ruleName(c.route(), c.ruleIndex(), c.matchIndex()));
        if (!HttpRouteMatches.nullSafe(rule.getMatches()).isEmpty()) {
            List<HTTPMatchRequest> matches = matches(c.match());
            // a match of every request (PathPrefix / alone) is a catch-all, as the plan's rule without matches
            out.setMatch(matches.stream().allMatch(IstioHttpRules::matchesAll) ? null : matches);
        }
        out.setHeaders(IstioFilters.headers(rule.getFilters()));
        out.setRewrite(IstioFilters.rewrite(rule.getFilters()));
        out.setRedirect(IstioFilters.redirect(rule.getFilters()));
        IstioRuleFields.apply(rule, out, namespace(c), backends);
        List<HTTPRouteDestination> route = destinations(rule, namespace(c), backends);
        if (out.getRedirect() != null) {
            return out;
        }
        if (route.isEmpty()) {
            out.setDirectResponse(new HTTPDirectResponse(null, 500L));
        } else {
            out.setRoute(route);
        }
        return out;
    }

    static List<HTTPMatchRequest> matches(HTTPRouteMatch match) {
        String type = HttpRouteMatching.pathType(match);
        String value = HttpRouteMatching.pathValue(match);
        if (HttpRouteMatching.PATH_PREFIX.equals(type)) {
            String prefix = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            if (prefix.equals("/")) {
                // prefix "/" matches every path: no uri condition at all, so the rule reads as the plan's
                return List.of(entry(match, null));
            }
            return List.of(entry(match, new StringMatch(new StringMatchExact(prefix))),
                    entry(match, new StringMatch(new StringMatchPrefix(prefix + "/"))));
        }
        StringMatch uri = HttpRouteMatching.EXACT.equals(type) ? new StringMatch(new StringMatchExact(value))
                : new StringMatch(new StringMatchRegex(value));
        return List.of(entry(match, uri));
    }

    private static HTTPMatchRequest entry(HTTPRouteMatch match, StringMatch uri) {
        HTTPMatchRequest out = new HTTPMatchRequest();
        out.setUri(uri);
        if (match.getMethod() != null) {
            out.setMethod(new StringMatch(new StringMatchExact(match.getMethod())));
        }
        Map<String, StringMatch> headers = new LinkedHashMap<>();
        for (HTTPHeaderMatch h : HttpRouteMatching.effectiveHeaders(match)) {
            // header names are case-insensitive; Istio and the plans write them in lower case
            headers.put(h.getName().toLowerCase(java.util.Locale.ROOT), value(h.getType(), h.getValue()));
        }
        out.setHeaders(headers.isEmpty() ? null : headers);
        Map<String, StringMatch> query = new LinkedHashMap<>();
        for (HTTPQueryParamMatch q : HttpRouteMatching.effectiveQueryParams(match)) {
            query.put(q.getName(), value(q.getType(), q.getValue()));
        }
        out.setQueryParams(query.isEmpty() ? null : query);
        return out;
    }

    private static boolean matchesAll(HTTPMatchRequest m) {
        return m.getUri() == null && m.getMethod() == null && m.getHeaders() == null && m.getQueryParams() == null;
    }

    private static StringMatch value(String type, String value) {
        String v = value == null ? "" : value;
        return HttpRouteMatching.REGEX.equals(type) ? new StringMatch(new StringMatchRegex(v))
                : new StringMatch(new StringMatchExact(v));
    }

    private static List<HTTPRouteDestination> destinations(HTTPRouteRule rule, String routeNamespace,
                                                           BackendHosts backends) {
        List<HTTPBackendRef> kept = HttpRouteMatches.nullSafe(rule.getBackendRefs()).stream()
                .filter(b -> b.getWeight() == null || b.getWeight() > 0).toList();
        List<HTTPRouteDestination> out = new ArrayList<>();
        for (HTTPBackendRef ref : kept) {
            HTTPRouteDestination d = new HTTPRouteDestination();
            BackendHosts.Host host = backends.of(ref, routeNamespace);
            Destination destination = new Destination();
            destination.setHost(host.fqdn());
            destination.setSubset(host.subset());
            if (ref.getPort() != null) {
                destination.setPort(new PortSelector(ref.getPort().longValue()));
            }
            d.setDestination(destination);
            d.setWeight(kept.size() == 1 ? null : ref.getWeight() == null ? 1 : ref.getWeight());
            d.setHeaders(IstioFilters.headers(ref.getFilters()));
            out.add(d);
        }
        return out;
    }

    private static String namespace(HttpRoutePrecedence.Candidate c) {
        return c.route().getMetadata() == null ? null : c.route().getMetadata().getNamespace();
    }
}
