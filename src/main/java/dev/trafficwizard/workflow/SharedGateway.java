package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.GatewaySharing;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;

/**
 * A Gateway other services' routing is bound to must keep serving them: a plan that rewrites it
 * so that another VirtualService loses a host on a port is refused ({@code GATEWAY_SHARED}),
 * naming that VirtualService and host. The rule itself is {@link GatewaySharing}.
 */
final class SharedGateway {

    private SharedGateway() {
    }

    /**
     * @param bound the VirtualServices bound to the live Gateway
     * @param own   the VirtualService the plan writes (not another service's)
     */
    static List<Diagnostic> diagnostics(Gateway live, Gateway desired, List<VirtualService> bound, VirtualService own) {
        String namespace = live.getMetadata().getNamespace();
        List<GatewaySharing.Dependent> others = bound.stream()
                .filter(vs -> !(vs.getMetadata().getNamespace().equals(own.getMetadata().getNamespace())
                        && vs.getMetadata().getName().equals(own.getMetadata().getName())))
                .filter(vs -> vs.getSpec() != null)
                .map(vs -> new GatewaySharing.Dependent(vs.getMetadata().getNamespace(), vs.getMetadata().getName(),
                        vs.getSpec().getHosts()))
                .toList();
        if (others.isEmpty()) {
            return List.of();
        }
        return GatewaySharing.losses(namespace, servers(live), servers(desired), others).stream()
                .map(loss -> Diagnostic.error(DiagnosticCode.GATEWAY_SHARED, "gateway.hosts",
                        namespace + "/" + live.getMetadata().getName(), loss.dependent().reference(), loss.host(),
                        String.valueOf(loss.port())))
                .toList();
    }

    private static List<GatewaySharing.Server> servers(Gateway gateway) {
        if (gateway.getSpec() == null || gateway.getSpec().getServers() == null) {
            return List.of();
        }
        return gateway.getSpec().getServers().stream()
                .filter(s -> s.getPort() != null && s.getPort().getNumber() != null)
                .map(s -> new GatewaySharing.Server(s.getPort().getNumber(), s.getHosts()))
                .toList();
    }
}
