package dev.trafficwizard.web;

import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;

import java.util.List;

/**
 * The JSON body of preview and apply: a routing plan, plus for apply the {@code baseVersion} of the
 * live state it was computed from (optional).
 */
public record PlanRequest(String namespace, String service, List<String> hosts, GatewayPlan gateway,
                          List<Rule> rules, StickySession stickySession, String baseVersion) {

    RoutingPlan toPlan() {
        return new RoutingPlan(namespace, service, hosts, gateway, rules, stickySession);
    }
}
