package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.GatewayApiRefs;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.ObjectComparison;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Gateway API Gateways Traffic Wizard creates for a service's ingress: removed with the last
 * route attached to them, and never rewritten under another service's HTTPRoute.
 */
final class GatewayApiGateways {

    private GatewayApiGateways() {
    }

    /**
     * The managed Gateway API Gateway the service's routes are attached to, when its routing no longer
     * uses it ({@code kept} is the Gateway the new objects write, null for none) and no other
     * HTTPRoute is attached to it.
     */
    static Optional<Gateway> orphaned(
            ServiceDetail service, Gateway kept, ClusterCache cache) {
        var live = service.gatewayApiGateway();
        if (live == null || !Managed.isManaged(live) || kept != null && sameName(live, kept)) {
            return Optional.empty();
        }
        return otherRoutesOn(live, service, cache).isEmpty() ? Optional.of(live) : Optional.empty();
    }

    /** HTTPRoutes attached to the Gateway that are not the service's own. */
    private static List<HTTPRoute> otherRoutesOn(Gateway gateway,
                                                 ServiceDetail service, ClusterCache cache) {
        Set<String> own = service.httpRoutes().stream().map(r -> r.getMetadata().getNamespace() + "/"
                + r.getMetadata().getName()).collect(Collectors.toSet());
        String ns = gateway.getMetadata().getNamespace();
        return cache.httpRoutes().stream()
                .filter(r -> !own.contains(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()))
                .filter(r -> GatewayApiRefs.parents(r).stream().anyMatch(p -> p.isGateway()
                        && p.name().equals(gateway.getMetadata().getName()) && p.namespace().equals(ns)))
                .toList();
    }

    /**
     * A managed Gateway the plan would change while other services' HTTPRoutes are attached to it:
     * refused ({@code GATEWAY_SHARED}), as for an Istio Gateway another VirtualService uses.
     */
    static List<Diagnostic> shared(GatewayApiObjects objects, ServiceDetail service, ClusterCache cache) {
        var desired = objects.gateway();
        if (desired == null) {
            return List.of();
        }
        var live = cache.gatewayApiGateway(desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        if (live.isEmpty() || !Managed.isManaged(live.get())
                || ObjectComparison.sameContent(desired, live.get())) {
            return List.of();
        }
        return otherRoutesOn(live.get(), service, cache).stream().limit(1)
                .map(r -> Diagnostic.error(DiagnosticCode.GATEWAY_API_SHARED, "gateway.name",
                        desired.getMetadata().getNamespace() + "/" + desired.getMetadata().getName(),
                        r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()))
                .toList();
    }

    private static boolean sameName(HasMetadata a, HasMetadata b) {
        return a.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())
                && a.getMetadata().getName().equals(b.getMetadata().getName());
    }

}
