package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;
import java.util.Optional;

/**
 * With a gateway, every VirtualService host must be covered by one of the gateway's hosts, or
 * the gateway never hands those requests to the rules ({@code HOST_NOT_COVERED}, error, like
 * istioctl's IST0132; arguments: the host and the gateway). The gateway's hosts are the plan's
 * for a gateway Traffic Wizard creates, else the existing gateway's (from the mesh view). The
 * VirtualService hosts are those of {@link EffectiveHosts#of}; the service FQDN kept for the
 * mesh ({@code includeMesh}) is exempt. Path {@code hosts[k]}, or {@code gateway.hosts} when the
 * hosts were derived.
 * <p>
 * Coverage: {@code *} covers everything; {@code *.example.com} covers {@code a.example.com} and
 * {@code x.y.example.com} but not {@code example.com}; an equal host covers. A gateway host
 * {@code ns/host} covers only VirtualServices of {@code ns} ({@code *} any, {@code .} the
 * gateway's own namespace).
 */
public final class HostCoverageCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        GatewayPlan gateway = plan.gateway();
        if (gateway == null) {
            return;
        }
        List<String> gatewayHosts;
        String gatewayNamespace;
        if (gateway.create()) {
            gatewayHosts = gateway.hosts();
            gatewayNamespace = plan.namespace();
            if (gatewayHosts.isEmpty()) {
                return;
            }
        } else {
            Optional<MeshView.GatewayInfo> existing = GatewayCheck.find(plan, context.mesh());
            if (existing.isEmpty()) {
                return;
            }
            gatewayHosts = existing.get().hosts();
            gatewayNamespace = existing.get().namespace();
        }
        String serviceHost = EffectiveHosts.serviceHost(plan, context.target());
        String gatewayName = gateway.name() == null ? "" : gateway.name();
        if (!EffectiveHosts.derived(plan)) {
            for (int k = 0; k < plan.hosts().size(); k++) {
                String host = plan.hosts().get(k);
                boolean meshOnly = gateway.includeMesh() && host.equalsIgnoreCase(serviceHost);
                if (!meshOnly && Names.isHost(host)
                        && !covered(gatewayHosts, gatewayNamespace, host, plan.namespace())) {
                    out.add(Diagnostic.error(DiagnosticCode.HOST_NOT_COVERED, "hosts[" + k + "]", host, gatewayName));
                }
            }
            return;
        }
        List<String> derived = gateway.hosts().isEmpty() && serviceHost != null ? List.of(serviceHost)
                : gateway.hosts().stream().map(Hosts::hostPart).toList();
        for (String host : derived) {
            if (Names.isHost(host) && !covered(gatewayHosts, gatewayNamespace, host, plan.namespace())) {
                out.add(Diagnostic.error(DiagnosticCode.HOST_NOT_COVERED, "gateway.hosts", host, gatewayName));
            }
        }
    }

    static boolean covered(List<String> gatewayHosts, String gatewayNamespace, String host, String namespace) {
        return gatewayHosts.stream().anyMatch(g -> covers(g, gatewayNamespace, host, namespace));
    }

    /** Whether a gateway server host admits a VirtualService host of the given namespace. */
    static boolean covers(String gatewayHost, String gatewayNamespace, String host, String namespace) {
        return Hosts.admits(gatewayHost, gatewayNamespace, host, namespace);
    }
}
