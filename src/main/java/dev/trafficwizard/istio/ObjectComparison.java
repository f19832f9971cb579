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
        return Objects.equals(a.get("spec"), b.get("spec"))
                && Objects.equals(mergedLabels(live, desired), live.getMetadata().getLabels())
                && Objects.equals(mergedAnnotations(live, desired), nullToEmpty(live.getMetadata().getAnnotations()));
    }

    /** The live object's annotations with the desired ones laid over them. */
    public static Map<String, String> mergedAnnotations(HasMetadata live, HasMetadata desired) {
        Map<String, String> merged = new LinkedHashMap<>(nullToEmpty(live.getMetadata().getAnnotations()));
        merged.putAll(nullToEmpty(desired.getMetadata().getAnnotations()));
        return merged;
    }

    private static Map<String, String> nullToEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    /**
     * What replacing {@code live} with {@code desired} really writes: the desired object carrying
     * the live resourceVersion, and the live labels and annotations with the desired ones laid over.
     */
    public static <T extends HasMetadata> T merged(T desired, HasMetadata live) {
        T copy = Serialization.clone(desired);
        copy.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
        copy.getMetadata().setLabels(mergedLabels(live, desired));
        Map<String, String> annotations = mergedAnnotations(live, desired);
        copy.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
        return copy;
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
