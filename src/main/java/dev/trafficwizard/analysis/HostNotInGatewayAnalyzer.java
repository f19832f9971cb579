package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * IST0132, as Istio's {@code virtualservice.GatewayAnalyzer}: no server of a bound Gateway accepts
 * any host of the VirtualService ({@code HOST_NOT_IN_GATEWAY}, warning, at {@code spec.gateways[i]};
 * arguments: the VirtualService's hosts, the Gateway {@code ns/name}). A server host admits a
 * VirtualService host when its {@code ns/} part allows the VirtualService's namespace and the
 * names overlap ({@link Hosts#admits}). As in Istio, one matching host is enough, and a Gateway
 * that does not exist (see {@link GatewayNotFoundAnalyzer}) or has no servers accepts nothing. A
 * VirtualService without hosts and Gateways in namespaces the dashboard does not see are skipped.
 * A short VirtualService host is compared as istiod resolves it ({@code reviews} is
 * {@code reviews.<ns>.svc.cluster.local}); Istio's analyzer compares it as written.
 */
public final class HostNotInGatewayAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        List<String> hosts = vs.getSpec().getHosts() == null ? List.of()
                : vs.getSpec().getHosts().stream().filter(Objects::nonNull).toList();
        if (hosts.isEmpty()) {
            return;
        }
        String ns = vs.getMetadata().getNamespace();
        for (GatewayNotFoundAnalyzer.GatewayRef ref : GatewayNotFoundAnalyzer.gateways(vs)) {
            if (!mesh.sees(ref.namespace())) {
                continue;
            }
            Optional<Gateway> gateway = mesh.gateway(ref.namespace(), ref.name());
            boolean accepted = gateway.isPresent() && hosts.stream()
                    .anyMatch(h -> accepts(gateway.get(), Hosts.resolve(h, ns), ns));
            if (!accepted) {
                out.add(Finding.warning(DiagnosticCode.HOST_NOT_IN_GATEWAY, vs, "spec.gateways[" + ref.index() + "]",
                        String.join(", ", hosts), ref.key()));
            }
        }
    }

    /** Whether a server of the Gateway admits the (resolved) host of a VirtualService of {@code vsNamespace}. */
    static boolean accepts(Gateway gateway, String vsHost, String vsNamespace) {
        List<Server> servers = gateway.getSpec() == null ? null : gateway.getSpec().getServers();
        if (servers == null) {
            return false;
        }
        String gwNamespace = gateway.getMetadata().getNamespace();
        return servers.stream().filter(s -> s != null && s.getHosts() != null)
                .flatMap(s -> s.getHosts().stream()).filter(Objects::nonNull)
                .anyMatch(h -> Hosts.admits(h, gwNamespace, vsHost, vsNamespace));
    }
}
