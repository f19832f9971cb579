package dev.trafficwizard.ownership;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** #18 own: each tool's marks, on an object and on its namespace. */
class OwnershipMarksTest {

    static final OwnershipMarks DEFAULT = new OwnershipMarks(false);
    static final OwnershipMarks INSTANCE_LABEL = new OwnershipMarks(true);

    @Test
    void argoCdsTrackingIdNamesTheApplicationBeforeTheFirstColon() {
        var owners = DEFAULT.ofObject(Map.of(), Map.of(OwnershipMarks.ARGO_CD_TRACKING_ID,
                "shop:networking.istio.io/VirtualService:bookinfo/reviews"), List.of());
        assertThat(owners).containsExactly(new Owner("Argo CD", "Application", "shop",
                "annotation argocd.argoproj.io/tracking-id"));
        assertThat(owners.get(0).badge()).isEqualTo("Argo CD: shop");
        // the core group is empty; an Application outside Argo CD's namespace reads <ns>_<app>
        assertThat(DEFAULT.ofObject(null, Map.of(OwnershipMarks.ARGO_CD_TRACKING_ID, "apps_shop:/Service:bookinfo/reviews"),
                null)).extracting(Owner::name).containsExactly("apps_shop");
        // not a tracking id: not Argo CD's
        assertThat(DEFAULT.ofObject(Map.of(), Map.of(OwnershipMarks.ARGO_CD_TRACKING_ID, "shop"), List.of())).isEmpty();
    }

    @Test
    void argoCdsInstanceLabelCountsOnlyWhenConfigured() {
        Map<String, String> labels = Map.of("app.kubernetes.io/instance", "shop");
        assertThat(DEFAULT.ofObject(labels, Map.of(), List.of())).isEmpty();
        assertThat(INSTANCE_LABEL.ofObject(labels, Map.of(), List.of())).containsExactly(
                new Owner("Argo CD", "Application", "shop", "label app.kubernetes.io/instance"));
        assertThat(DEFAULT.ofNamespace("shop", labels, Map.of())).isEmpty();
        assertThat(INSTANCE_LABEL.ofNamespace("shop", labels, Map.of())).extracting(Owner::mark)
                .containsExactly("label app.kubernetes.io/instance of namespace shop");
    }

    @Test
    void fluxKustomizationAndHelmReleaseLabels() {
        assertThat(DEFAULT.ofObject(Map.of("kustomize.toolkit.fluxcd.io/name", "apps",
                "kustomize.toolkit.fluxcd.io/namespace", "flux-system"), Map.of(), List.of()))
                .containsExactly(new Owner("Flux", "Kustomization", "apps",
                        "label kustomize.toolkit.fluxcd.io/name (kustomize.toolkit.fluxcd.io/namespace=flux-system)"));
        assertThat(DEFAULT.ofObject(Map.of("helm.toolkit.fluxcd.io/name", "podinfo",
                "helm.toolkit.fluxcd.io/namespace", "web"), Map.of(), List.of()))
                .extracting(Owner::tool, Owner::kind, Owner::name).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Flux", "HelmRelease", "podinfo"));
    }

    @Test
    void aNamespaceMarkOwnsEverythingInIt() {
        assertThat(DEFAULT.ofNamespace("bookinfo", Map.of(), Map.of(OwnershipMarks.ARGO_CD_TRACKING_ID,
                "platform:/Namespace:bookinfo/bookinfo"))).containsExactly(new Owner("Argo CD", "Application",
                "platform", "annotation argocd.argoproj.io/tracking-id of namespace bookinfo"));
        assertThat(DEFAULT.ofNamespace("apps", Map.of("kustomize.toolkit.fluxcd.io/name", "apps"), Map.of()))
                .extracting(Owner::badge).containsExactly("Flux: apps");
        assertThat(DEFAULT.ofNamespace("helm", Map.of("helm.toolkit.fluxcd.io/name", "podinfo"), Map.of()))
                .extracting(Owner::badge).containsExactly("Flux: podinfo");
        // controllers own objects, not namespaces
        assertThat(DEFAULT.ofNamespace("bookinfo", Map.of(), Map.of(OwnershipMarks.ARGO_ROLLOUTS_MANAGED_BY, "r")))
                .isEmpty();
        assertThat(DEFAULT.ofNamespace("bookinfo", Map.of("team", "books"), Map.of())).isEmpty();
    }

    @Test
    void flaggerAndArgoRolloutsControllerReferencesAndArgoRolloutsAnnotation() {
        assertThat(DEFAULT.ofObject(Map.of(), Map.of(), List.of(
                new OwnerRef("flagger.app/v1beta1", "Canary", "reviews", true))))
                .containsExactly(new Owner("Flagger", "Canary", "reviews", "ownerReference Canary reviews"));
        assertThat(DEFAULT.ofObject(Map.of(), Map.of(), List.of(
                new OwnerRef("argoproj.io/v1alpha1", "Rollout", "reviews", true))))
                .extracting(Owner::badge).containsExactly("Argo Rollouts: reviews");
        // not the controller, or another kind: not an owner
        assertThat(DEFAULT.ofObject(Map.of(), Map.of(), List.of(
                new OwnerRef("flagger.app/v1beta1", "Canary", "reviews", false),
                new OwnerRef("apps/v1", "Deployment", "reviews", true)))).isEmpty();
        assertThat(DEFAULT.ofObject(Map.of(), Map.of(OwnershipMarks.ARGO_ROLLOUTS_MANAGED_BY, "reviews-rollout"),
                List.of())).containsExactly(new Owner("Argo Rollouts", "Rollout", "reviews-rollout",
                "annotation argo-rollouts.argoproj.io/managed-by-rollouts"));
    }

    @Test
    void anOverrideNamesToolAndObject() {
        OwnedObject owned = new OwnedObject("VirtualService", "bookinfo", "reviews",
                new Owner("Argo CD", "Application", "shop", "annotation argocd.argoproj.io/tracking-id"));
        assertThat(owned.override()).isEqualTo("overrode Argo CD ownership of VirtualService bookinfo/reviews");
    }

    @Test
    void argoCdsInstanceLabelKeyIsConfigurableAndReadOnlyWithLabelTracking() {
        Map<String, String> labels = Map.of("argocd.example.com/app", "shop", "app.kubernetes.io/instance", "helm");
        assertThat(new OwnershipMarks(true, "argocd.example.com/app").ofObject(labels, Map.of(), List.of()))
                .containsExactly(new Owner("Argo CD", "Application", "shop", "label argocd.example.com/app"));
        assertThat(new OwnershipMarks(false, "argocd.example.com/app").ofObject(labels, Map.of(), List.of())).isEmpty();
    }

    @Test
    void anObjectThatOptedOutOfFluxIsNotFluxs() {
        Map<String, String> labels = Map.of(OwnershipMarks.FLUX_KUSTOMIZE_NAME, "apps",
                OwnershipMarks.FLUX_KUSTOMIZE_NAMESPACE, "flux-system");
        assertThat(DEFAULT.ofObject(labels, Map.of(), List.of())).extracting(Owner::tool).containsExactly("Flux");
        assertThat(DEFAULT.ofObject(labels, Map.of("kustomize.toolkit.fluxcd.io/reconcile", "disabled"), List.of()))
                .isEmpty();
        assertThat(OwnershipMarks.fluxDisabled(Map.of(), Map.of("kustomize.toolkit.fluxcd.io/reconcile", "disabled")))
                .isTrue();
    }
}
