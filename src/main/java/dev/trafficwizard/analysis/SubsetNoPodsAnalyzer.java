package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IST0173, as Istio's {@code destinationrule.PodNotSelectedAnalyzer}: a subset of a DestinationRule
 * selects no workload ({@code SUBSET_NO_PODS}, error, at {@code spec.subsets[i]}; argument: the
 * subset). Skipped, as in Istio, when the host is no Service the DestinationRule can see (Istio
 * reports IST0133 there, which we do not); we also skip hosts that are not cluster-local or in a
 * namespace the dashboard does not see.
 * <p>
 * We hold Deployments, not Pods: a Deployment's pod template labels stand for its pods, and one
 * scaled to zero has none. The workloads are those of the Service's namespace matching the
 * Service's selector and the subset's labels (a label the two set differently selects nothing);
 * Istio matches the subset labels against every pod. Topology labels ({@code topology.kubernetes.io/region}
 * …), which Istio adds to pods from their node, are left out of the match: we do not hold nodes.
 * Pods of StatefulSets, DaemonSets or bare Pods are not seen, so their subsets are reported.
 */
public final class SubsetNoPodsAnalyzer implements Analyzer {

    /** Labels Istio adds to a pod's labels from its node and cluster. */
    private static final Set<String> TOPOLOGY = Set.of("topology.kubernetes.io/region", "topology.kubernetes.io/zone",
            "topology.istio.io/subzone", "kubernetes.io/hostname", "topology.istio.io/cluster",
            "topology.istio.io/network");

    @Override
    public boolean appliesTo(HasMetadata object) {
        return object instanceof DestinationRule;
    }

    @Override
    public void analyze(HasMetadata object, MeshSnapshot mesh, List<Finding> out) {
        DestinationRule dr = (DestinationRule) object;
        if (dr.getSpec() == null || dr.getSpec().getHost() == null || dr.getSpec().getSubsets() == null) {
            return;
        }
        String ns = dr.getMetadata().getNamespace();
        Optional<Service> service = ClusterHosts.service(mesh, dr.getSpec().getHost(), ns)
                .filter(s -> ClusterHosts.visible(s, ns, dr.getSpec().getExportTo()));
        if (service.isEmpty()) {
            return;
        }
        List<Subset> subsets = dr.getSpec().getSubsets();
        for (int i = 0; i < subsets.size(); i++) {
            Subset subset = subsets.get(i);
            if (subset != null && workloads(mesh, service.get(), subset.getLabels()).filter(List::isEmpty).isPresent()) {
                out.add(Finding.error(DiagnosticCode.SUBSET_NO_PODS, dr, "spec.subsets[" + i + "]", subset.getName()));
            }
        }
    }

    /**
     * The Deployments (with replicas) of the Service's namespace that its selector and the subset's
     * labels select; empty Optional when they select every pod (no labels at all), so nothing can be said.
     */
    static Optional<List<Deployment>> workloads(MeshSnapshot mesh, Service service, Map<String, String> subsetLabels) {
        Map<String, String> labels = new HashMap<>();
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        if (selector != null) {
            labels.putAll(selector);
        }
        if (subsetLabels != null) {
            for (Map.Entry<String, String> e : subsetLabels.entrySet()) {
                if (TOPOLOGY.contains(e.getKey())) {
                    if (e.getValue() == null || e.getValue().isEmpty()) {
                        return Optional.of(List.of()); // an empty locality label matches no pod (Istio's own test)
                    }
                    continue; // we do not cache nodes: a real locality could match
                }
                String before = labels.put(e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) {
                    return Optional.of(List.of()); // the service's pods never carry the subset's value
                }
            }
        }
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        String ns = service.getMetadata().getNamespace();
        return Optional.of(mesh.deployments(ns, labels).stream().filter(Workloads::scaled).toList());
    }
}
