package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.List;

/**
 * A parent of an HTTPRoute that does not exist: a Gateway of the Gateway API (the default parent
 * kind) or a Service (mesh routing, GAMMA) ({@code ROUTE_PARENT_NOT_FOUND}, error, at
 * {@code spec.parentRefs[i]}; arguments: the kind, {@code namespace/name}). The namespace defaults
 * to the route's; parents of other kinds, and in namespaces the dashboard does not see, are not
 * judged. Istio's analyzers have no such rule (its controller leaves the route without a status for
 * a missing parent, or {@code Accepted=False}); the route has no effect there.
 */
public final class RouteParentAnalyzer extends HttpRouteAnalyzer {

    @Override
    void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out) {
        for (GatewayApiRefs.Parent p : GatewayApiRefs.parents(route)) {
            if (!mesh.sees(p.namespace())) {
                continue;
            }
            boolean missing = p.isGateway() ? mesh.k8sGateway(p.namespace(), p.name()).isEmpty()
                    : p.isService() && mesh.service(p.namespace(), p.name()).isEmpty();
            if (missing) {
                out.add(Finding.error(DiagnosticCode.ROUTE_PARENT_NOT_FOUND, route, p.path(), p.kind(),
                        p.namespace() + "/" + p.name()));
            }
        }
    }
}
