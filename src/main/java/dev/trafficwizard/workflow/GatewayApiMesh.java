package dev.trafficwizard.workflow;

import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.gatewayapi.GatewayHosts;

import java.util.List;
import java.util.Optional;

/**
 * The mesh the plan checks look at when the plan is written with the Gateway API: a gateway named
 * in the plan is a Gateway API Gateway, its hosts its listeners' hostnames ({@code *} for a listener
 * without one, which takes every host). An HTTPRoute shares no host with another the way
 * VirtualServices do (routes of one host merge by precedence), so no VirtualService is listed.
 */
final class GatewayApiMesh implements MeshView {

    private final ClusterCache cache;

    GatewayApiMesh(ClusterCache cache) {
        this.cache = cache;
    }

    @Override
    public Optional<GatewayInfo> gateway(String namespace, String name) {
        return cache.gatewayApiGateway(namespace, name).map(g -> new GatewayInfo(namespace, name, GatewayHosts.of(g)));
    }

    @Override
    public List<VirtualServiceInfo> virtualServicesWithHost(String hostKey) {
        return List.of();
    }
}
