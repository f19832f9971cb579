package dev.trafficwizard.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * #18 drift: what a comparison of Git with the cluster ignores, on an object's field tree. The marks
 * GitOps tools put on what they apply (Argo CD's tracking-id annotation and, with label tracking, its
 * instance label; Flux's kustomize / helm labels; kubectl's last-applied annotation); Istio's API
 * version (v1beta1 / v1alpha3 files are read as v1: the fields are the same); the defaults the API
 * server fills in on Services and Gateway API routes. Keys are sorted, so both sides render alike.
 */
final class DriftNormaliser {

    static final String TRACKING_ID = "argocd.argoproj.io/tracking-id";
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final Set<String> TOOL_PREFIXES = Set.of("kustomize.toolkit.fluxcd.io/", "helm.toolkit.fluxcd.io/");
    private static final String GATEWAY_API = "gateway.networking.k8s.io";

    private DriftNormaliser() {
    }

    /** The tree with the tools' marks, server defaults and Istio's API version made alike (a copy, sorted). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalised(Map<String, Object> object, String instanceLabelKey) {
        Map<String, Object> tree = (Map<String, Object>) sorted(object);
        tree.put("apiVersion", apiVersion((String) tree.get("apiVersion")));
        if (tree.get("metadata") instanceof Map<?, ?> meta) {
            Map<String, Object> m = (Map<String, Object>) meta;
            stripMarks(m, "labels", instanceLabelKey);
            stripMarks(m, "annotations", null);
        }
        String kind = String.valueOf(tree.get("kind"));
        String group = group((String) tree.get("apiVersion"));
        if (tree.get("spec") instanceof Map<?, ?> spec) {
            if ("Service".equals(kind) && group.isEmpty()) {
                serviceDefaults((Map<String, Object>) spec);
            } else if (GATEWAY_API.equals(group) && kind.endsWith("Route")) {
                routeDefaults((Map<String, Object>) spec);
            }
        }
        return tree;
    }

    /** {@code networking.istio.io/v1beta1} → {@code networking.istio.io/v1}; others unchanged. */
    static String apiVersion(String apiVersion) {
        String group = group(apiVersion);
        return group.endsWith("istio.io") ? group + "/v1" : apiVersion;
    }

    static String group(String apiVersion) {
        return apiVersion == null || !apiVersion.contains("/") ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    @SuppressWarnings("unchecked")
    private static void stripMarks(Map<String, Object> meta, String field, String instanceLabelKey) {
        if (!(meta.get(field) instanceof Map<?, ?> marks)) {
            return;
        }
        Map<String, Object> m = (Map<String, Object>) marks;
        m.keySet().removeIf(k -> k.equals(TRACKING_ID) || k.equals(LAST_APPLIED) || k.equals(instanceLabelKey)
                || TOOL_PREFIXES.stream().anyMatch(k::startsWith));
        if (m.isEmpty()) {
            meta.remove(field);
        }
    }

    private static void serviceDefaults(Map<String, Object> spec) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
        spec.remove("ipFamilies");
        spec.remove("ipFamilyPolicy");
        spec.remove("sessionAffinity");
        spec.remove("internalTrafficPolicy");
    }

    @SuppressWarnings("unchecked")
    private static void routeDefaults(Map<String, Object> spec) {
        if (spec.get("parentRefs") instanceof List<?> parents) {
            for (Object p : parents) {
                if (p instanceof Map<?, ?> ref) {
                    ((Map<String, Object>) ref).remove("group", GATEWAY_API);
                    ((Map<String, Object>) ref).remove("kind", "Gateway");
                }
            }
        }
        if (spec.get("rules") instanceof List<?> rules) {
            for (Object r : rules) {
                if (r instanceof Map<?, ?> rule && rule.get("backendRefs") instanceof List<?> backends) {
                    for (Object b : backends) {
                        if (b instanceof Map<?, ?> ref) {
                            Map<String, Object> backend = (Map<String, Object>) ref;
                            if (backend.get("weight") instanceof Number w && w.intValue() == 1) {
                                backend.remove("weight");
                            }
                            backend.remove("group", "");
                            backend.remove("kind", "Service");
                        }
                    }
                }
            }
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), sorted(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return value;
    }
}
