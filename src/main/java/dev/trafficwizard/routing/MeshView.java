package dev.trafficwizard.routing;

import java.util.List;
import java.util.Optional;

/**
 * What the checks need to know of the rest of the mesh, as look-ups so a check costs the same on a
 * mesh of ten or ten thousand VirtualServices: a Gateway by namespace and name, and the
 * VirtualServices that list a host (compared as {@link Hosts#resolve} resolves them). The cluster side answers them
 * from indexed caches; {@link #of} holds lists in memory (tests, small meshes).
 */
public interface MeshView {

    MeshView EMPTY = of(List.of(), List.of());

    /** The Gateway {@code namespace/name}, if the mesh has it. */
    Optional<GatewayInfo> gateway(String namespace, String name);

    /** The VirtualServices with a host that resolves (in their namespace) to is {@code hostKey}. */
    List<VirtualServiceInfo> virtualServicesWithHost(String hostKey);

    static MeshView of(List<GatewayInfo> gateways, List<VirtualServiceInfo> virtualServices) {
        return new ListedMesh(gateways, virtualServices);
    }

    /** A Gateway: where it is and the hosts of all its servers. */
    record GatewayInfo(String namespace, String name, List<String> hosts) {

        public GatewayInfo {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /**
     * A VirtualService: hosts as written (short names resolve in its namespace), gateways as
     * written (empty means mesh), and whether Traffic Wizard manages it.
     */
    record VirtualServiceInfo(String namespace, String name, List<String> hosts, List<String> gateways,
                              boolean managed) {

        public VirtualServiceInfo {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            gateways = gateways == null ? List.of() : List.copyOf(gateways);
        }

        /** The keys of its hosts, without duplicates, in the order written. */
        public List<String> hostKeys() {
            return hosts.stream().map(h -> Hosts.resolve(h, namespace)).distinct().toList();
        }
    }
}
