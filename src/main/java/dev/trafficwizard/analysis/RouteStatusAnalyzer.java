package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;

import java.util.List;

/**
 * What the cluster says of an HTTPRoute, per parent, in {@code status.parents[i].conditions[j]}, as
 * Istio's {@code conditions.ConditionAnalyzer} (IST0171, NegativeConditionStatus) reads it:
 * {@code Accepted=False} ({@code ROUTE_NOT_ACCEPTED}: the route does not apply through that parent)
 * and {@code ResolvedRefs=False} ({@code ROUTE_REFS_UNRESOLVED}: some reference could not be used,
 * requests to it fail); arguments: the parent ({@code Kind namespace/name}), the cluster's reason and
 * message, as the controller wrote them. Where ours differ from Istio's: both are errors (Istio's
 * IST0171 is a warning) because each means requests are not routed as the route says;
 * {@code Programmed} is not reported; a condition observed for an older generation of the route than
 * the current one is left out, since the controller has not judged the route as it is yet.
 */
public final class RouteStatusAnalyzer extends HttpRouteAnalyzer {

    @Override
    void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out) {
        List<RouteParentStatus> parents = route.getStatus() == null ? null : route.getStatus().getParents();
        Long generation = route.getMetadata().getGeneration();
        for (int i = 0; parents != null && i < parents.size(); i++) {
            RouteParentStatus parent = parents.get(i);
            List<Condition> conditions = parent == null ? null : parent.getConditions();
            for (int j = 0; conditions != null && j < conditions.size(); j++) {
                Condition c = conditions.get(j);
                if (c == null || !"False".equals(c.getStatus())
                        || generation != null && c.getObservedGeneration() != null && c.getObservedGeneration() < generation) {
                    continue;
                }
                String at = "status.parents[" + i + "].conditions[" + j + "]";
                String from = parent(parent.getParentRef(), route.getMetadata().getNamespace());
                String reason = c.getReason() == null ? "" : c.getReason();
                String message = c.getMessage() == null ? "" : c.getMessage();
                if ("Accepted".equals(c.getType())) {
                    out.add(Finding.error(DiagnosticCode.ROUTE_NOT_ACCEPTED, route, at, from, reason, message));
                } else if ("ResolvedRefs".equals(c.getType())) {
                    out.add(Finding.error(DiagnosticCode.ROUTE_REFS_UNRESOLVED, route, at, from, reason, message));
                }
            }
        }
    }

    private static String parent(ParentReference ref, String namespace) {
        if (ref == null) {
            return "?";
        }
        String kind = ref.getKind() == null ? "Gateway" : ref.getKind();
        String ns = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? namespace : ref.getNamespace();
        return kind + " " + ns + "/" + ref.getName();
    }
}
