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
}
