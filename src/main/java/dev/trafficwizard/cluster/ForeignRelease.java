package dev.trafficwizard.cluster;

import java.util.List;

/**
 * A progressive-delivery object of another tool found in a namespace (an Argo Rollouts {@code Rollout},
 * a Flagger {@code Canary}): pure data, read from the cluster by {@link ForeignReleases}.
 *
 * @param tool       the tool's name as people know it ("Argo Rollouts", "Flagger")
 * @param phase      its {@code status.phase}, null when it reports none yet
 * @param references the Services, VirtualServices and DestinationRules its spec names
 */
public record ForeignRelease(String tool, String kind, String namespace, String name, String phase,
                             List<Reference> references) {

    public ForeignRelease {
        references = List.copyOf(references);
    }

    /**
     * An object the release's spec names: {@code field} is the spec's path that names it
     * ({@code spec.strategy.canary.stableService}), {@code kind} Service, VirtualService or DestinationRule.
     */
    public record Reference(String field, String kind, String namespace, String name) {
    }

    /** Whether the spec names the object of this kind, namespace and name. */
    public java.util.Optional<Reference> naming(String kind, String namespace, String name) {
        return references.stream().filter(r -> r.kind().equals(kind) && r.namespace().equals(namespace)
                && r.name().equals(name)).findFirst();
    }
}
