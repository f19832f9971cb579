package dev.trafficwizard.routing;

import java.util.List;

/** Exposure through an ingress gateway; absent in a plan means mesh only. */
public record GatewayPlan(String name, boolean create, List<String> hosts, Integer port, boolean includeMesh) {

    public GatewayPlan {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
