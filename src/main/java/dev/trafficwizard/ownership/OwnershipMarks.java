package dev.trafficwizard.ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads which other tool owns an object from its labels, annotations and owner references, and
 * which GitOps tool owns a whole namespace from the namespace's labels and annotations:
 * <ul>
 * <li>Argo CD: the annotation {@value #ARGO_CD_TRACKING_ID} ({@code <app>:<group>/<kind>:<namespace>/<name>},
 * the Application's name before the first ':'; Argo CD's default tracking since v3), or the label
 * {@value #ARGO_CD_INSTANCE_LABEL} (label tracking, Argo CD's default before v3) only when
 * {@code instanceLabel} is on: Helm charts and other tools set that label too;</li>
 * <li>Flux: the labels {@value #FLUX_KUSTOMIZE_NAME} / {@value #FLUX_KUSTOMIZE_NAMESPACE} set by the
 * kustomize-controller (owner: a Kustomization) and {@value #FLUX_HELM_NAME} / {@value #FLUX_HELM_NAMESPACE}
 * set by the helm-controller (owner: a HelmRelease);</li>
 * <li>Flagger and Argo Rollouts (objects only): a controller ownerReference to a {@code Canary}
 * ({@code flagger.app}) or a {@code Rollout} ({@code argoproj.io}), and Argo Rollouts' annotation
 * {@value #ARGO_ROLLOUTS_MANAGED_BY} (its value the Rollout's name).</li>
 * </ul>
 * Pure: plain maps and {@link OwnerRef}s in, {@link Owner}s out.
 */
public final class OwnershipMarks {

    public static final String ARGO_CD = "Argo CD";
    public static final String FLUX = "Flux";
    public static final String FLAGGER = "Flagger";
    public static final String ARGO_ROLLOUTS = "Argo Rollouts";

    public static final String ARGO_CD_TRACKING_ID = "argocd.argoproj.io/tracking-id";
    public static final String ARGO_CD_INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String FLUX_KUSTOMIZE_NAME = "kustomize.toolkit.fluxcd.io/name";
    public static final String FLUX_KUSTOMIZE_NAMESPACE = "kustomize.toolkit.fluxcd.io/namespace";
    public static final String FLUX_HELM_NAME = "helm.toolkit.fluxcd.io/name";
    public static final String FLUX_HELM_NAMESPACE = "helm.toolkit.fluxcd.io/namespace";
    /** Put by Argo Rollouts on the DestinationRule whose subsets it edits ({@code ManagedByRolloutsKey}). */
    public static final String ARGO_ROLLOUTS_MANAGED_BY = "argo-rollouts.argoproj.io/managed-by-rollouts";

    /** Flux's opt-out: with this annotation (or label) {@value #FLUX_DISABLED}, Flux no longer applies the object. */
    public static final String FLUX_RECONCILE = "kustomize.toolkit.fluxcd.io/reconcile";
    public static final String FLUX_DISABLED = "disabled";

    private final boolean instanceLabel;
    private final String instanceLabelKey;

    /** @param instanceLabel whether {@value #ARGO_CD_INSTANCE_LABEL} says Argo CD (Argo CD's label tracking) */
    public OwnershipMarks(boolean instanceLabel) {
        this(instanceLabel, ARGO_CD_INSTANCE_LABEL);
    }

    /**
     * @param instanceLabelKey the label Argo CD's label tracking sets ({@code application.instanceLabelKey} of
     *                         argocd-cm; default {@value #ARGO_CD_INSTANCE_LABEL}), read only with {@code instanceLabel}
     */
    public OwnershipMarks(boolean instanceLabel, String instanceLabelKey) {
        this.instanceLabel = instanceLabel;
        this.instanceLabelKey = instanceLabelKey == null || instanceLabelKey.isBlank() ? ARGO_CD_INSTANCE_LABEL
                : instanceLabelKey.trim();
    }

    /** Whether the object opted out of Flux's reconciliation ({@value #FLUX_RECONCILE}: {@value #FLUX_DISABLED}). */
    public static boolean fluxDisabled(Map<String, String> labels, Map<String, String> annotations) {
        return FLUX_DISABLED.equalsIgnoreCase(String.valueOf(value(annotations, FLUX_RECONCILE)))
                || FLUX_DISABLED.equalsIgnoreCase(String.valueOf(value(labels, FLUX_RECONCILE)));
    }

    /** The tools that own an object, by its own marks: controllers first, then GitOps tools. */
    public List<Owner> ofObject(Map<String, String> labels, Map<String, String> annotations, List<OwnerRef> owners) {
        List<Owner> found = new ArrayList<>();
        for (OwnerRef ref : owners == null ? List.<OwnerRef>of() : owners) {
            String tool = toolOf(ref.apiVersion());
            if (ref.controller() && (FLAGGER.equals(tool) && "Canary".equals(ref.kind())
                    || ARGO_ROLLOUTS.equals(tool) && "Rollout".equals(ref.kind()))) {
                found.add(new Owner(tool, ref.kind(), ref.name(), "ownerReference " + ref.kind() + " " + ref.name()));
            }
        }
        String rollout = value(annotations, ARGO_ROLLOUTS_MANAGED_BY);
        if (rollout != null) {
            found.add(new Owner(ARGO_ROLLOUTS, "Rollout", rollout, "annotation " + ARGO_ROLLOUTS_MANAGED_BY));
        }
        boolean fluxOff = fluxDisabled(labels, annotations);
        gitOps(labels, annotations).stream().filter(o -> !(fluxOff && FLUX.equals(o.tool()))).forEach(found::add);
        return List.copyOf(found);
    }

    /** The GitOps tools that own a namespace, and so every routing object in it. */
    public List<Owner> ofNamespace(String namespace, Map<String, String> labels, Map<String, String> annotations) {
        return gitOps(labels, annotations).stream().map(o -> o.viaNamespace(namespace)).toList();
    }

    private List<Owner> gitOps(Map<String, String> labels, Map<String, String> annotations) {
        List<Owner> found = new ArrayList<>();
        String tracking = value(annotations, ARGO_CD_TRACKING_ID);
        String app = tracking == null ? null : trackedApplication(tracking);
        if (app != null) {
            found.add(new Owner(ARGO_CD, "Application", app, "annotation " + ARGO_CD_TRACKING_ID));
        } else if (instanceLabel && value(labels, instanceLabelKey) != null) {
            found.add(new Owner(ARGO_CD, "Application", value(labels, instanceLabelKey),
                    "label " + instanceLabelKey));
        }
        String kustomization = value(labels, FLUX_KUSTOMIZE_NAME);
        if (kustomization != null) {
            found.add(new Owner(FLUX, "Kustomization", kustomization, "label " + FLUX_KUSTOMIZE_NAME
                    + namespaced(labels, FLUX_KUSTOMIZE_NAMESPACE)));
        }
        String release = value(labels, FLUX_HELM_NAME);
        if (release != null) {
            found.add(new Owner(FLUX, "HelmRelease", release, "label " + FLUX_HELM_NAME
                    + namespaced(labels, FLUX_HELM_NAMESPACE)));
        }
        return found;
    }

    /**
     * The Application named by a tracking id {@code <app>:<group>/<kind>:<namespace>/<name>}: the text
     * before the first ':' (an Application outside Argo CD's namespace reads {@code <ns>_<app>}); null
     * when the value is not of that form.
     */
    static String trackedApplication(String trackingId) {
        int colon = trackingId.indexOf(':');
        if (colon <= 0 || trackingId.indexOf(':', colon + 1) < 0 || trackingId.indexOf('/', colon) < 0) {
            return null;
        }
        return trackingId.substring(0, colon);
    }

    /** The tool behind an owner's API group: Argo Rollouts and Flagger by name, others by their group. */
    public static String toolOf(String apiVersion) {
        String group = apiVersion == null || !apiVersion.contains("/") ? "" : apiVersion.substring(0,
                apiVersion.indexOf('/'));
        return switch (group) {
            case "argoproj.io" -> ARGO_ROLLOUTS;
            case "flagger.app" -> FLAGGER;
            case "" -> apiVersion == null ? "" : apiVersion;
            default -> group;
        };
    }

    private static String namespaced(Map<String, String> labels, String key) {
        String ns = value(labels, key);
        return ns == null ? "" : " (" + key + "=" + ns + ")";
    }

    private static String value(Map<String, String> map, String key) {
        String v = map == null ? null : map.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
