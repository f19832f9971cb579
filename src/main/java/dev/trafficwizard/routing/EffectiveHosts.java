package dev.trafficwizard.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The hosts a plan's VirtualService gets: the plan's own hosts when set; otherwise the gateway's
 * hosts (plus the service FQDN when the rules also apply inside the mesh); otherwise, mesh only,
 * the service FQDN. For an existing gateway (not created by the plan) its hosts are not in the
 * plan, so the service FQDN is used unless the plan names hosts.
 */
public final class EffectiveHosts {

    private EffectiveHosts() {
    }

    public static List<String> of(RoutingPlan plan, TargetService target) {
        if (!plan.hosts().isEmpty()) {
            return plan.hosts();
        }
        GatewayPlan gateway = plan.gateway();
        if (gateway == null || gateway.hosts().isEmpty()) {
            return List.of(target.fqdn());
        }
        List<String> hosts = new ArrayList<>(gateway.hosts());
        if (gateway.includeMesh() && !hosts.contains(target.fqdn())) {
            hosts.add(target.fqdn());
        }
        return hosts;
    }
}
