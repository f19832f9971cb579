package dev.trafficwizard.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link MeshView} over lists held in memory, indexed once when made. */
record ListedMesh(List<MeshView.GatewayInfo> gateways, List<MeshView.VirtualServiceInfo> virtualServices,
                  Map<String, MeshView.GatewayInfo> gatewaysByKey,
                  Map<String, List<MeshView.VirtualServiceInfo>> virtualServicesByHost) implements MeshView {

    ListedMesh(List<GatewayInfo> gateways, List<VirtualServiceInfo> virtualServices) {
        this(gateways == null ? List.of() : List.copyOf(gateways),
                virtualServices == null ? List.of() : List.copyOf(virtualServices), new HashMap<>(), new HashMap<>());
        this.gateways.forEach(g -> gatewaysByKey.putIfAbsent(g.namespace() + "/" + g.name(), g));
        for (VirtualServiceInfo vs : this.virtualServices) {
            vs.hostKeys().forEach(key -> virtualServicesByHost.computeIfAbsent(key, k -> new ArrayList<>()).add(vs));
        }
    }

    @Override
    public Optional<GatewayInfo> gateway(String namespace, String name) {
        return Optional.ofNullable(gatewaysByKey.get(namespace + "/" + name));
    }

    @Override
    public List<VirtualServiceInfo> virtualServicesWithHost(String hostKey) {
        return List.copyOf(virtualServicesByHost.getOrDefault(hostKey, List.of()));
    }
}
