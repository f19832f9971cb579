package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;

/**
 * IST0101 for destination hosts, as Istio's {@code virtualservice.DestinationHostAnalyzer}: a
 * route or mirror destination whose host is no Service the VirtualService can reach
 * ({@code DESTINATION_NOT_FOUND}, error, at {@code spec.http[i].route[j].destination.host},
 * {@code spec.http[i].mirror.host} or {@code spec.http[i].mirrors[j].destination.host}; arguments:
 * the host as written, the VirtualService's namespace). A Service exported by its
 * {@code networking.istio.io/exportTo} annotation to other namespaces only counts as missing, as
 * in Istio.
 * <p>
 * Unlike Istio, which also knows ServiceEntries, we watch only Kubernetes Services: so only
 * cluster-local hosts are reported ({@code <name>.<ns>.svc.cluster.local}, or a short name, which
 * resolves in the VirtualService's namespace), and only in a namespace the dashboard sees. Any
 * other host (external names, wildcards, {@code reviews.default}) may be a ServiceEntry and is
 * never reported. Destination ports are not checked.
 */
public final class DestinationHostAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        String ns = vs.getMetadata().getNamespace();
        for (VsDestinations.Dest d : VsDestinations.all(vs)) {
            if (d.host() == null || ClusterHosts.serviceOf(Hosts.resolve(d.host(), ns))
                    .filter(s -> mesh.sees(s.namespace())).isEmpty()) {
                continue;
            }
            boolean found = ClusterHosts.service(mesh, d.host(), ns)
                    .filter(s -> ClusterHosts.visible(s, ns, vs.getSpec().getExportTo())).isPresent();
            if (!found) {
                out.add(Finding.error(DiagnosticCode.DESTINATION_NOT_FOUND, vs, d.path() + ".host", d.host(), ns));
            }
        }
    }
}
