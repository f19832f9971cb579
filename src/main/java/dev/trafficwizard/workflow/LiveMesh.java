package dev.trafficwizard.workflow;

import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.istio.Gateways;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.routing.MeshView;

import java.util.List;
import java.util.Optional;

/**
 * The mesh the checks look at, answered from the indexed caches per question (a Gateway by key,
 * the VirtualServices listing a host), so a check costs the same however many objects the mesh has.
 */
final class LiveMesh implements MeshView {

    private final ClusterCache cache;

    LiveMesh(ClusterCache cache) {
        this.cache = cache;
    }

    @Override
    public Optional<GatewayInfo> gateway(String namespace, String name) {
        return cache.gateway(namespace, name).map(g -> new GatewayInfo(namespace, name, Gateways.hosts(g)));
    }

    @Override
    public List<VirtualServiceInfo> virtualServicesWithHost(String hostKey) {
        return cache.virtualServicesWithHostKey(hostKey).stream()
                .filter(vs -> vs.getSpec() != null)
                .map(vs -> new VirtualServiceInfo(vs.getMetadata().getNamespace(), vs.getMetadata().getName(),
                        vs.getSpec().getHosts(), vs.getSpec().getGateways(), Managed.isManaged(vs)))
                .toList();
    }
}
