package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;

import java.util.ArrayList;
import java.util.List;

/** Small builders of HTTPRoutes for the precedence tests. */
final class Routes {

    private Routes() {
    }

    static HTTPRoute route(String namespace, String name, String created, List<String> hostnames,
                           HTTPRouteRule... rules) {
        HTTPRoute route = new HTTPRoute();
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(namespace);
        meta.setName(name);
        meta.setCreationTimestamp(created);
        route.setMetadata(meta);
        HTTPRouteSpec spec = new HTTPRouteSpec();
        spec.setHostnames(hostnames);
        spec.setRules(new ArrayList<>(List.of(rules)));
        route.setSpec(spec);
        return route;
    }

    static HTTPRoute route(String name, HTTPRouteRule... rules) {
        return route("shop", name, "2026-01-01T00:00:00Z", List.of(), rules);
    }

    /** A rule whose backend is a Service named {@code backend}, weight 1. */
    static HTTPRouteRule rule(String backend, HTTPRouteMatch... matches) {
        HTTPRouteRule rule = new HTTPRouteRule();
        rule.setMatches(new ArrayList<>(List.of(matches)));
        HTTPBackendRef ref = new HTTPBackendRef();
        ref.setName(backend);
        rule.setBackendRefs(new ArrayList<>(List.of(ref)));
        return rule;
    }

    static HTTPRouteMatch path(String type, String value) {
        HTTPRouteMatch match = new HTTPRouteMatch();
        match.setPath(new HTTPPathMatch(type, value));
        return match;
    }

    static HTTPRouteMatch prefix(String value) {
        return path("PathPrefix", value);
    }

    static HTTPRouteMatch exact(String value) {
        return path("Exact", value);
    }

    static HTTPRouteMatch method(HTTPRouteMatch match, String method) {
        match.setMethod(method);
        return match;
    }

    static HTTPRouteMatch header(HTTPRouteMatch match, String name, String value) {
        return header(match, "Exact", name, value);
    }

    static HTTPRouteMatch header(HTTPRouteMatch match, String type, String name, String value) {
        List<HTTPHeaderMatch> headers = match.getHeaders() == null ? new ArrayList<>()
                : new ArrayList<>(match.getHeaders());
        headers.add(new HTTPHeaderMatch(name, type, value));
        match.setHeaders(headers);
        return match;
    }

    static HTTPRouteMatch query(HTTPRouteMatch match, String name, String value) {
        List<HTTPQueryParamMatch> params = match.getQueryParams() == null ? new ArrayList<>()
                : new ArrayList<>(match.getQueryParams());
        params.add(new HTTPQueryParamMatch(name, "Exact", value));
        match.setQueryParams(params);
        return match;
    }
}
