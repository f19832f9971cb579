package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.Map;
import java.util.Objects;

/**
 * What the analyzers read of a Deployment, standing for its pods: the pod template's labels,
 * whether it is scaled above zero, how many replicas are ready. Whoever decides whether a
 * Deployment's change matters to the checks reads the same ({@link #sameForChecks}).
 */
public final class Workloads {

    private Workloads() {
    }

    /** The pod template's labels (empty when it has none). */
    public static Map<String, String> podLabels(Deployment d) {
        var template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        Map<String, String> labels = template == null || template.getMetadata() == null ? null
                : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** Whether it asks for pods at all (no replica count means the default, one). */
    public static boolean scaled(Deployment d) {
        return d.getSpec() == null || d.getSpec().getReplicas() == null || d.getSpec().getReplicas() > 0;
    }

    /** Its ready replicas (0 when its status says none). */
    public static int ready(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
    }

    /** Whether two versions of a Deployment look the same to every analyzer. */
    public static boolean sameForChecks(Deployment before, Deployment after) {
        return Objects.equals(podLabels(before), podLabels(after))
                && scaled(before) == scaled(after) && (ready(before) > 0) == (ready(after) > 0);
    }
}
