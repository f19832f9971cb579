package dev.trafficwizard.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trafficwizard.istio.YamlRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * #18 drift: objects as kubectl shows them, for comparing a repository file with a live object.
 * Both sides go through the same steps: no status, none of the fields the API server adds (uid,
 * resourceVersion, managedFields, creationTimestamp, generation, last-applied), rendered by
 * {@link YamlRenderer} (the renderer of the preview and of the proposed files).
 */
final class GitYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> SERVER_FIELDS = List.of("uid", "resourceVersion", "managedFields",
            "creationTimestamp", "generation", "selfLink");
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private GitYaml() {
    }

    /** One object: kind, namespace, name and its normalised YAML. */
    record Normalised(String kind, String namespace, String name, String yaml) {

        String key() {
            return kind + "/" + namespace + "/" + name;
        }
    }

    /** The objects of a file (one or more YAML documents); documents that are not objects are skipped. */
    static List<Normalised> objects(String text, String defaultNamespace) {
        List<Normalised> out = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> docs = YAML.readerFor(new TypeReference<Map<String, Object>>() { })
                .readValues(text == null ? "" : text)) {
            while (docs.hasNext()) {
                Map<String, Object> doc = docs.next();
                if (doc != null && doc.get("kind") != null && doc.get("metadata") instanceof Map<?, ?>) {
                    out.add(normalised(doc, defaultNamespace));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a file that is not YAML is not routing: nothing of it is compared
        }
        return out;
    }

    static Normalised normalised(HasMetadata live) {
        Map<String, Object> tree = Serialization.jsonMapper().convertValue(live, new TypeReference<>() { });
        return normalised(tree, live.getMetadata() == null ? null : live.getMetadata().getNamespace());
    }

    @SuppressWarnings("unchecked")
    private static Normalised normalised(Map<String, Object> doc, String defaultNamespace) {
        Map<String, Object> tree = new LinkedHashMap<>(doc);
        tree.remove("status");
        Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) tree.get("metadata"));
        SERVER_FIELDS.forEach(meta::remove);
        if (meta.get("annotations") instanceof Map<?, ?> annotations) {
            Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) annotations);
            kept.remove(LAST_APPLIED);
            if (kept.isEmpty()) {
                meta.remove("annotations");
            } else {
                meta.put("annotations", kept);
            }
        }
        if (meta.get("namespace") == null && defaultNamespace != null) {
            meta.put("namespace", defaultNamespace);
        }
        tree.put("metadata", meta);
        return new Normalised(String.valueOf(tree.get("kind")), String.valueOf(meta.get("namespace")),
                String.valueOf(meta.get("name")), YamlRenderer.renderOne(tree));
    }
}
