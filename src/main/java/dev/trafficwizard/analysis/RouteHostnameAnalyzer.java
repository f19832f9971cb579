package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Gateway parent whose listeners (those the reference picks and that admit the route's namespace)
 * all have a hostname that none of the route's {@code hostnames} shares
 * ({@code ROUTE_HOSTNAME_NOT_IN_GATEWAY}, error, at {@code spec.parentRefs[i]}; arguments: the Gateway
 * {@code namespace/name}, the route's hostnames): the route does not attach there. A listener without
 * a hostname, or a route without hostnames, matches any; a wildcard ({@code *.example.com}) matches
 * one or more labels. The Gateway API twin of Istio's IST0132 (VirtualServiceHostNotFoundInGateway),
 * which Istio's analyzers do not apply to HTTPRoutes (its controller reports {@code Accepted=False},
 * {@code NoMatchingListenerHostname}), so no Istio code.
 */
public final class RouteHostnameAnalyzer extends HttpRouteAnalyzer {

    @Override
    void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out) {
        List<String> hostnames = route.getSpec().getHostnames() == null ? List.of()
                : route.getSpec().getHostnames().stream().filter(h -> h != null && !h.isEmpty()).toList();
        if (hostnames.isEmpty()) {
            return;
        }
        String ns = route.getMetadata().getNamespace();
        Map<String, String> labels = mesh.namespaceLabels(ns);
        for (GatewayApiRefs.Parent p : GatewayApiRefs.parents(route)) {
            Optional<Gateway> gateway = p.isGateway() && mesh.sees(p.namespace())
                    ? mesh.k8sGateway(p.namespace(), p.name()) : Optional.empty();
            if (gateway.isEmpty()) {
                continue;
            }
            // listeners refusing the namespace are ROUTE_NAMESPACE_NOT_ALLOWED's; an unknown answer counts as admitted
            List<Listener> open = GatewayApiRefs.listeners(gateway.get(), p).stream()
                    .filter(l -> !Objects.equals(GatewayApiRefs.admits(l, p.namespace(), ns, labels), Boolean.FALSE))
                    .toList();
            boolean matched = open.stream().anyMatch(l -> l.getHostname() == null || l.getHostname().isEmpty()
                    || hostnames.stream().anyMatch(h -> GatewayApiRefs.intersect(l.getHostname(), h)));
            if (!open.isEmpty() && !matched) {
                out.add(Finding.error(DiagnosticCode.ROUTE_HOSTNAME_NOT_IN_GATEWAY, route, p.path(),
                        p.namespace() + "/" + p.name(), String.join(", ", hostnames)));
            }
        }
    }
}
