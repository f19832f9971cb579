package dev.trafficwizard.istio;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Whether writing a desired object would change the live one (spec and our labels). */
public final class ObjectComparison {

    private ObjectComparison() {
    }

    public static boolean sameContent(HasMetadata desired, HasMetadata live) {
        Map<?, ?> a = Serialization.jsonMapper().convertValue(desired, Map.class);
        Map<?, ?> b = Serialization.jsonMapper().convertValue(live, Map.class);
        Map<String, String> labels = mergedLabels(live, desired);
        return Objects.equals(a.get("spec"), b.get("spec")) && Objects.equals(labels, live.getMetadata().getLabels());
    }

    /** The live object's labels with the desired ones laid over them: other owners' labels survive. */
    public static Map<String, String> mergedLabels(HasMetadata live, HasMetadata desired) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (live.getMetadata().getLabels() != null) {
            merged.putAll(live.getMetadata().getLabels());
        }
        if (desired.getMetadata().getLabels() != null) {
            merged.putAll(desired.getMetadata().getLabels());
        }
        return merged;
    }
}
