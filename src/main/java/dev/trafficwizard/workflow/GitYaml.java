package dev.trafficwizard.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * #18 drift: objects as kubectl shows them, for comparing a repository file with a live object.
 * Both sides are rendered by {@link Proposals#fileText} (the renderer of the proposed files: no status,
 * none of the fields the API server adds); a repository file is read as the object it describes first.
 */
final class GitYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private GitYaml() {
    }

    /** One object: kind, namespace, name and its normalised YAML. */
    record Normalised(String group, String kind, String namespace, String name, String yaml) {

        /** Istio kinds by group and kind (any API version), so a v1beta1 file meets the v1 object. */
        String key() {
            return group + "/" + kind + "/" + namespace + "/" + name;
        }
    }

    /** The objects of a file (one or more YAML documents); documents that are not objects are skipped. */
    static List<Normalised> objects(String text, String defaultNamespace) {
        return objects(text, defaultNamespace, null);
    }

    /** With the Argo CD instance label key ignored (null: it is not Argo CD's mark). */
    static List<Normalised> objects(String text, String defaultNamespace, String instanceLabelKey) {
        List<Normalised> out = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> docs = YAML.readerFor(new TypeReference<Map<String, Object>>() { })
                .readValues(text == null ? "" : text)) {
            while (docs.hasNext()) {
                Map<String, Object> doc = docs.next();
                if (doc != null && doc.get("kind") != null && doc.get("metadata") instanceof Map<?, ?>) {
                    try {
                        out.add(normalised(doc, defaultNamespace, instanceLabelKey));
                    } catch (IllegalArgumentException notAnObject) {
                        // a document that is not a Kubernetes object is not compared; the others are
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a file that is not YAML is not routing: nothing of it is compared
        }
        return out;
    }

    /** A live object as a proposal's file holds it ({@link Proposals#fileText}). */
    static Normalised normalised(HasMetadata live) {
        return normalised(live, null);
    }

    /** With the tools' marks, server defaults and Istio's API version made alike ({@link DriftNormaliser}). */
    static Normalised normalised(HasMetadata live, String instanceLabelKey) {
        String text = Proposals.fileText(live);
        try {
            Map<String, Object> tree = YAML.readValue(text, new TypeReference<Map<String, Object>>() { });
            Map<String, Object> clean = DriftNormaliser.normalised(tree, instanceLabelKey);
            text = dev.trafficwizard.istio.YamlRenderer.renderOne(clean);
        } catch (IOException e) {
            // compared as rendered
        }
        return new Normalised(DriftNormaliser.group(live.getApiVersion()), live.getKind(),
                live.getMetadata().getNamespace(), live.getMetadata().getName(), text);
    }

    /**
     * A document of a file, read as the object it describes and rendered as a proposal's file holds
     * it, so a file written by hand compares with the live object as one Traffic Wizard wrote would.
     */
    @SuppressWarnings("unchecked")
    private static Normalised normalised(Map<String, Object> doc, String defaultNamespace, String instanceLabelKey) {
        Map<String, Object> tree = new LinkedHashMap<>(doc);
        if (tree.get("apiVersion") instanceof String version) {
            tree.put("apiVersion", DriftNormaliser.apiVersion(version));
        }
        Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) tree.get("metadata"));
        if (meta.get("namespace") == null && defaultNamespace != null) {
            meta.put("namespace", defaultNamespace);
        }
        tree.put("metadata", meta);
        KubernetesResource object = Serialization.jsonMapper().convertValue(tree, KubernetesResource.class);
        if (object instanceof HasMetadata parsed && parsed.getMetadata() != null) {
            return normalised(parsed, instanceLabelKey);
        }
        throw new IllegalArgumentException("not an object");
    }
}
