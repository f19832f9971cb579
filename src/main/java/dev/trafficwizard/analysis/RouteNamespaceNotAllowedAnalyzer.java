package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Gateway parent none of whose listeners (those the reference picks by section name and port, and
 * that take HTTPRoutes) admits routes from the route's namespace by {@code allowedRoutes.namespaces}
 * ({@code ROUTE_NAMESPACE_NOT_ALLOWED}, error, at {@code spec.parentRefs[i]}; arguments: the Gateway
 * {@code namespace/name}, the route's namespace): the route does not attach there. {@code from:
 * Selector} is only judged when the namespace's labels are known. Istio's analyzers have no such rule
 * (its controller reports {@code Accepted=False}, {@code NotAllowedByListeners}).
 */
public final class RouteNamespaceNotAllowedAnalyzer extends HttpRouteAnalyzer {

    @Override
    void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out) {
        String ns = route.getMetadata().getNamespace();
        for (GatewayApiRefs.Parent p : GatewayApiRefs.parents(route)) {
            Optional<Gateway> gateway = p.isGateway() && mesh.sees(p.namespace())
                    ? mesh.k8sGateway(p.namespace(), p.name()) : Optional.empty();
            if (gateway.isEmpty()) {
                continue;
            }
            Map<String, String> labels = mesh.namespaceLabels(ns);
            List<Boolean> admitted = GatewayApiRefs.listeners(gateway.get(), p).stream()
                    .map(l -> GatewayApiRefs.admits(l, p.namespace(), ns, labels)).toList();
            if (!admitted.isEmpty() && admitted.stream().allMatch(a -> Objects.equals(a, Boolean.FALSE))) {
                out.add(Finding.error(DiagnosticCode.ROUTE_NAMESPACE_NOT_ALLOWED, route, p.path(),
                        p.namespace() + "/" + p.name(), ns));
            }
        }
    }
}
