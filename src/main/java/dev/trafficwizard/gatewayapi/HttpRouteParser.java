package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.List;
import java.util.Optional;

/**
 * Reads a mesh HTTPRoute (parent: the Service only) and its version Services back into a plan that
 * names no API, the inverse of {@link HttpRouteBuilder#build(RoutingPlan, TargetService, int)}; the
 * groundwork's entry point, kept for its callers. {@link GatewayApiParser} reads every form.
 */
public final class HttpRouteParser {

    private HttpRouteParser() {
    }

    public static Optional<RoutingPlan> parse(HTTPRoute route, List<Service> versionServices, TargetService target) {
        return GatewayApiParser.parse(route, versionServices, null, target)
                .filter(p -> p.gateway() == null)
                .map(p -> new RoutingPlan(p.namespace(), p.service(), p.hosts(), null, p.rules(), p.stickySession()));
    }
}
