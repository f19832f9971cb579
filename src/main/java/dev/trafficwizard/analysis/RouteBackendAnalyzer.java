package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.List;

/**
 * A backend of an HTTPRoute that is a Service which does not exist ({@code ROUTE_BACKEND_NOT_FOUND},
 * error, at {@code spec.rules[i].backendRefs[j]}; arguments: the Service's name and namespace). The
 * namespace defaults to the route's; only core Service backends are checked, and only in namespaces
 * the dashboard sees. Istio's analyzers have no such rule for HTTPRoutes (their IST0101 is for
 * VirtualService destinations); Istio's controller instead marks the route {@code ResolvedRefs=False}
 * ({@code BackendNotFound}) and answers 500 for the requests sent there, which
 * {@link RouteStatusAnalyzer} shows from the live route's status.
 */
public final class RouteBackendAnalyzer extends HttpRouteAnalyzer {

    @Override
    void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out) {
        for (GatewayApiRefs.Backend b : GatewayApiRefs.backends(route)) {
            if (mesh.sees(b.namespace()) && mesh.service(b.namespace(), b.name()).isEmpty()) {
                out.add(Finding.error(DiagnosticCode.ROUTE_BACKEND_NOT_FOUND, route, b.path(), b.name(), b.namespace()));
            }
        }
    }
}
