package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.trafficwizard.gatewayapi.HttpRouteMatches.nullSafe;

/**
 * The x-kubernetes-validations (CEL) rules of the HTTPRoute CRD v1 that apply to what the
 * translator writes, restated in Java since a JSON Schema validator does not run CEL: a Service
 * backend needs a port; Exact/PathPrefix path values ({@link PathValues}); header and query
 * parameter names unique within a match (list-map keys); parentRefs unique.
 */
final class HttpRouteCelRules {

    private HttpRouteCelRules() {
    }

    static List<String> violations(HTTPRoute route) {
        List<String> out = new ArrayList<>();
        var parents = nullSafe(route.getSpec().getParentRefs());
        if (parents.stream().map(p -> p.getGroup() + "/" + p.getKind() + "/" + p.getName() + "/" + p.getSectionName())
                .distinct().count() != parents.size()) {
            out.add("spec.parentRefs: sectionName must be unique when parentRefs includes 2 or more references"
                    + " to the same parent");
        }
        List<HTTPRouteRule> rules = nullSafe(route.getSpec().getRules());
        for (int i = 0; i < rules.size(); i++) {
            for (HTTPBackendRef b : nullSafe(rules.get(i).getBackendRefs())) {
                boolean service = (b.getGroup() == null || b.getGroup().isEmpty())
                        && (b.getKind() == null || "Service".equals(b.getKind()));
                if (service && b.getPort() == null) {
                    out.add("spec.rules[" + i + "].backendRefs: Must have port for Service reference");
                }
            }
            filters(rules.get(i), "spec.rules[" + i + "]", out);
            String field = "spec.rules[" + i + "].matches";
            for (HTTPRouteMatch m : nullSafe(rules.get(i).getMatches())) {
                if (m.getPath() != null && !HttpRouteMatches.REGEX.equals(m.getPath().getType())) {
                    PathValues.problem(m.getPath().getValue())
                            .ifPresent(p -> out.add(field + ".path: " + p));
                }
                Set<String> names = new HashSet<>();
                for (HTTPHeaderMatch h : nullSafe(m.getHeaders())) {
                    if (!names.add(h.getName().toLowerCase())) {
                        out.add(field + ".headers: duplicate name " + h.getName());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The rules of a rule's filters and timeouts: a filter's field matches its type; at most one header
     * modifier of each kind; header names unique within set and add (list-map keys); a mirror's Service
     * backendRef has a port, and percent or fraction (numerator at most the denominator), not both; the
     * backendRequest timeout no longer than a non-zero request timeout.
     */
    private static void filters(HTTPRouteRule rule, String field, List<String> out) {
        var filters = nullSafe(rule.getFilters());
        for (String type : List.of("RequestHeaderModifier", "ResponseHeaderModifier")) {
            if (filters.stream().filter(f -> type.equals(f.getType())).count() > 1) {
                out.add(field + ".filters: " + type + " filter cannot be repeated");
            }
        }
        for (var f : filters) {
            boolean request = f.getRequestHeaderModifier() != null;
            boolean response = f.getResponseHeaderModifier() != null;
            boolean mirror = f.getRequestMirror() != null;
            if (request != "RequestHeaderModifier".equals(f.getType()) || response != "ResponseHeaderModifier"
                    .equals(f.getType()) || mirror != "RequestMirror".equals(f.getType())) {
                out.add(field + ".filters: filter field must match its type " + f.getType());
            }
            for (var h : java.util.Arrays.asList(f.getRequestHeaderModifier(), f.getResponseHeaderModifier())) {
                if (h == null) {
                    continue;
                }
                for (var list : java.util.Arrays.asList(h.getSet(), h.getAdd())) {
                    if (nullSafe(list).stream().map(x -> x.getName()).distinct().count() != nullSafe(list).size()) {
                        out.add(field + ".filters: duplicate header name");
                    }
                }
            }
            if (mirror) {
                var m = f.getRequestMirror();
                var b = m.getBackendRef();
                if (b != null && (b.getGroup() == null || b.getGroup().isEmpty())
                        && (b.getKind() == null || "Service".equals(b.getKind())) && b.getPort() == null) {
                    out.add(field + ".filters.requestMirror.backendRef: Must have port for Service reference");
                }
                if (m.getPercent() != null && m.getFraction() != null) {
                    out.add(field + ".filters.requestMirror: Only one of percent or fraction may be specified");
                }
                if (m.getFraction() != null && m.getFraction().getNumerator() != null && m.getFraction().getNumerator()
                        > (m.getFraction().getDenominator() == null ? 100 : m.getFraction().getDenominator())) {
                    out.add(field + ".filters.requestMirror.fraction: numerator must be less than or equal to"
                            + " denominator");
                }
            }
        }
        var t = rule.getTimeouts();
        if (t != null && t.getRequest() != null && t.getBackendRequest() != null && !Durations.zero(t.getRequest())
                && Durations.millis(t.getBackendRequest()).orElseThrow()
                .compareTo(Durations.millis(t.getRequest()).orElseThrow()) > 0) {
            out.add(field + ".timeouts: backendRequest timeout cannot be longer than request timeout");
        }
    }
}
