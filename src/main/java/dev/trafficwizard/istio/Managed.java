package dev.trafficwizard.istio;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Map;

/** The label that marks objects Traffic Wizard owns; objects without it are never overwritten. */
public final class Managed {

    public static final String LABEL = "app.kubernetes.io/managed-by";
    public static final String VALUE = "traffic-wizard";

    private Managed() {
    }

    public static boolean isManaged(HasMetadata object) {
        if (object == null || object.getMetadata() == null) {
            return false;
        }
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && VALUE.equals(labels.get(LABEL));
    }
}
