package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * IST0101 for destination ports, as Istio's {@code virtualservice.DestinationHostAnalyzer} checks
 * {@code host:port}: a route or mirror destination names a port its Service does not have
 * ({@code DESTINATION_PORT_NOT_FOUND}, error, at {@code ...destination.port.number} or
 * {@code ...mirror.port.number}; arguments: the host as written, the port, the Service's ports).
 * Only for Services {@link DestinationHostAnalyzer} finds; a destination without a port is not
 * checked (Istio's IST0112 for Services with several ports is not ours).
 */
public final class DestinationPortAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        String ns = vs.getMetadata().getNamespace();
        for (VsDestinations.Dest d : VsDestinations.all(vs)) {
            Long port = d.destination().getPort() == null ? null : d.destination().getPort().getNumber();
            if (port == null || d.host() == null) {
                continue;
            }
            Optional<Service> service = ClusterHosts.service(mesh, d.host(), ns)
                    .filter(s -> ClusterHosts.visible(s, ns, vs.getSpec().getExportTo()));
            List<Integer> ports = service.map(DestinationPortAnalyzer::ports).orElse(List.of());
            if (service.isPresent() && !ports.contains(port.intValue())) {
                out.add(Finding.error(DiagnosticCode.DESTINATION_PORT_NOT_FOUND, vs, d.path() + ".port.number",
                        d.host(), port, ports.stream().map(String::valueOf).collect(Collectors.joining(", "))));
            }
        }
    }

    private static List<Integer> ports(Service service) {
        return service.getSpec() == null || service.getSpec().getPorts() == null ? List.of()
                : service.getSpec().getPorts().stream().filter(Objects::nonNull).map(ServicePort::getPort)
                .filter(Objects::nonNull).toList();
    }
}
