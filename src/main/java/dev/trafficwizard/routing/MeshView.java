package dev.trafficwizard.routing;

import java.util.List;

/**
 * What the checks need to know of the rest of the mesh: the Gateways and the other
 * VirtualServices (not the ones the plan itself would write).
 */
public record MeshView(List<GatewayInfo> gateways, List<VirtualServiceInfo> virtualServices) {

    public static final MeshView EMPTY = new MeshView(List.of(), List.of());

    public MeshView {
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        virtualServices = virtualServices == null ? List.of() : List.copyOf(virtualServices);
    }

    /** A Gateway: where it is and the hosts of all its servers. */
    public record GatewayInfo(String namespace, String name, List<String> hosts) {

        public GatewayInfo {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /**
     * A VirtualService: hosts as written (short names resolve in its namespace), gateways as
     * written (empty means mesh), and whether Traffic Wizard manages it.
     */
    public record VirtualServiceInfo(String namespace, String name, List<String> hosts, List<String> gateways,
                                     boolean managed) {

        public VirtualServiceInfo {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            gateways = gateways == null ? List.of() : List.copyOf(gateways);
        }
    }
}
