package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;
import java.util.Objects;

/**
 * IST0101 for subsets, as Istio's {@code virtualservice.DestinationRuleAnalyzer}: a route or
 * mirror destination names a subset that no DestinationRule for its host defines
 * ({@code SUBSET_NOT_FOUND}, error, at {@code ...destination.subset} or {@code ...mirror.subset};
 * arguments: the subset, the host as written). Reported whether or not the host exists, and
 * whether or not a DestinationRule for it exists; a DestinationRule counts when its host is the
 * same host (short names resolved in each object's namespace), not when a wildcard host covers it.
 * Unlike Istio's analyzer, which compares a host that is no {@code *.svc.cluster.local} name
 * within one namespace, a DestinationRule for {@code api.example.com} counts from any namespace,
 * as istiod applies it.
 */
public final class SubsetAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        String ns = vs.getMetadata().getNamespace();
        for (VsDestinations.Dest d : VsDestinations.all(vs)) {
            if (d.subset() == null || d.host() == null) {
                continue;
            }
            if (!defined(mesh, Hosts.resolve(d.host(), ns), d.subset())) {
                out.add(Finding.error(DiagnosticCode.SUBSET_NOT_FOUND, vs, d.path() + ".subset", d.subset(), d.host()));
            }
        }
    }

    /** Whether a DestinationRule for the host key defines the subset. */
    static boolean defined(MeshSnapshot mesh, String hostKey, String subset) {
        return mesh.destinationRulesFor(hostKey).stream()
                .map(DestinationRule::getSpec).filter(Objects::nonNull)
                .filter(spec -> spec.getSubsets() != null)
                .flatMap(spec -> spec.getSubsets().stream())
                .anyMatch(s -> s != null && subset.equals(s.getName()));
    }
}
