package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Our own rule (the live twin of a plan's {@code NO_READY_PODS}): a route destination that gets
 * traffic (weight above 0, or the only destination of its rule) while the Deployments of its
 * subset, or of its Service when it names no subset, have no ready replica, or there are none
 * ({@code WEIGHT_NO_READY_PODS}, warning, at {@code spec.http[i].route[j]} (or {@code tcp}/{@code tls});
 * arguments: the subset, else the host, as written, and the weight). Only for cluster-local hosts
 * of Services the VirtualService sees whose selector matches at least one Deployment: a Service
 * run by StatefulSets or other workloads we do not hold is never reported. An undefined subset is
 * left to {@link SubsetAnalyzer}.
 */
public final class WeightNoReadyPodsAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        String ns = vs.getMetadata().getNamespace();
        for (VsDestinations.Dest d : VsDestinations.routes(vs)) {
            if (d.share() <= 0 || d.host() == null) {
                continue;
            }
            Optional<Service> service = ClusterHosts.service(mesh, d.host(), ns)
                    .filter(s -> ClusterHosts.visible(s, ns, vs.getSpec().getExportTo()));
            // only for services run by Deployments (scaled to zero included), the only workloads cached
            Map<String, String> selector = service.isEmpty() || service.get().getSpec() == null ? null
                    : service.get().getSpec().getSelector();
            if (selector == null || selector.isEmpty()
                    || mesh.deployments(service.get().getMetadata().getNamespace(), selector).isEmpty()) {
                continue;
            }
            Optional<Map<String, String>> labels = d.subset() == null ? Optional.of(Map.of())
                    : subsetLabels(mesh, Hosts.resolve(d.host(), ns), d.subset());
            Optional<List<Deployment>> workloads = labels.flatMap(l -> SubsetNoPodsAnalyzer.workloads(mesh, service.get(), l));
            if (workloads.isPresent() && workloads.get().stream().mapToInt(Workloads::ready).sum() == 0) {
                String at = d.path().substring(0, d.path().length() - ".destination".length());
                out.add(Finding.warning(DiagnosticCode.WEIGHT_NO_READY_PODS, vs, at,
                        d.subset() == null ? d.host() : d.subset(), d.share()));
            }
        }
    }

    /** The labels of the subset as the first DestinationRule for the host (by namespace and name) defining it has them. */
    private static Optional<Map<String, String>> subsetLabels(MeshSnapshot mesh, String hostKey, String subset) {
        return mesh.destinationRulesFor(hostKey).stream()
                .sorted(java.util.Comparator.comparing(ObjectRef::of))
                .map(DestinationRule::getSpec).filter(Objects::nonNull)
                .filter(spec -> spec.getSubsets() != null)
                .flatMap(spec -> spec.getSubsets().stream())
                .filter(s -> s != null && subset.equals(s.getName())).findFirst()
                .map(Subset::getLabels).map(l -> l == null ? Map.<String, String>of() : l);
    }
}
