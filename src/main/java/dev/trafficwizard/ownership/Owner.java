package dev.trafficwizard.ownership;

/**
 * Another tool that owns a routing object (or its namespace): {@code tool} is one of
 * {@link OwnershipMarks#ARGO_CD}, {@link OwnershipMarks#FLUX}, {@link OwnershipMarks#FLAGGER},
 * {@link OwnershipMarks#ARGO_ROLLOUTS}; {@code kind} and {@code name} name the owner in the tool's
 * terms (Application shop, Kustomization apps, HelmRelease podinfo, Canary reviews, Rollout reviews);
 * {@code mark} is the exact label, annotation or ownerReference that says so, e.g.
 * {@code annotation argocd.argoproj.io/tracking-id} or
 * {@code label kustomize.toolkit.fluxcd.io/name of namespace apps}.
 */
public record Owner(String tool, String kind, String name, String mark) {

    /** What a badge shows: "Argo CD: shop", "Flux: apps". */
    public String badge() {
        return tool + ": " + name;
    }

    /** The same owner, found on the object's namespace rather than on the object. */
    Owner viaNamespace(String namespace) {
        return new Owner(tool, kind, name, mark + " of namespace " + namespace);
    }
}
