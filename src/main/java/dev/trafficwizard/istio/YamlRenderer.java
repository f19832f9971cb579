package dev.trafficwizard.istio;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.stream.Collectors;

/** Renders objects as the multi-document YAML people read, copy and apply with kubectl. */
public final class YamlRenderer {

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private YamlRenderer() {
    }

    public static String render(List<? extends HasMetadata> objects) {
        return objects.stream().map(YamlRenderer::renderOne).collect(Collectors.joining("---\n"));
    }

    public static String renderOne(HasMetadata object) {
        String yaml = Serialization.asYaml(object);
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }

    /**
     * A copy of a live object without what the API server adds (uid, resourceVersion, managed
     * fields, status), so live YAML reads like what a person would write.
     */
    public static <T extends HasMetadata> T withoutServerFields(T live) {
        T copy = Serialization.clone(live);
        ObjectMeta meta = copy.getMetadata();
        if (meta != null) {
            meta.setUid(null);
            meta.setResourceVersion(null);
            meta.setManagedFields(null);
            meta.setCreationTimestamp(null);
            meta.setGeneration(null);
            if (meta.getAnnotations() != null) {
                meta.getAnnotations().remove(LAST_APPLIED);
                if (meta.getAnnotations().isEmpty()) {
                    meta.setAnnotations(null);
                }
            }
        }
        return copy;
    }
}
