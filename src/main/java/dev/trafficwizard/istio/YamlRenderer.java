package dev.trafficwizard.istio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders objects as the multi-document YAML people read, copy and apply with kubectl: quotes only
 * where YAML needs them, and keys in the order people write them (apiVersion, kind, metadata,
 * spec; name before the rest).
 */
public final class YamlRenderer {

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final List<String> KEY_ORDER = List.of("apiVersion", "kind", "metadata", "name", "namespace",
            "labels", "annotations", "spec", "selector", "servers", "port", "number", "protocol", "host", "hosts",
            "gateways", "http", "match", "uri", "authority", "method", "headers", "queryParams", "route",
            "destination", "subset", "weight", "subsets", "trafficPolicy", "tls");
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    /**
     * Live objects rendered before, by uid and resourceVersion: the API server gives every change
     * a new resourceVersion and every object a new uid, so one key always stands for the same text.
     * Bounded (least recently used go first) and safe for concurrent pages.
     */
    private static final Cache<String, String> LIVE_CACHE = Caffeine.newBuilder().maximumSize(2048).build();

    private YamlRenderer() {
    }

    public static String render(List<? extends HasMetadata> objects) {
        return objects.stream().map(YamlRenderer::renderOne).collect(Collectors.joining("---\n"));
    }

    /**
     * Live objects as a person reads them ({@link #withoutServerFields}), rendered once per object
     * and resourceVersion, so pages that show live YAML do not serialize it again on every request.
     */
    public static String renderLive(List<? extends HasMetadata> objects) {
        return objects.stream().map(YamlRenderer::renderLive).collect(Collectors.joining("---\n"));
    }

    public static String renderLive(HasMetadata live) {
        ObjectMeta meta = live.getMetadata();
        if (meta == null || meta.getUid() == null || meta.getResourceVersion() == null) {
            return renderOne(withoutServerFields(live));
        }
        String key = meta.getUid() + "@" + meta.getResourceVersion();
        return LIVE_CACHE.get(key, k -> renderOne(withoutServerFields(live)));
    }

    public static String renderOne(Object object) {
        Object tree = ordered(Serialization.jsonMapper().convertValue(object, Object.class));
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object ordered(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            KEY_ORDER.stream().filter(map::containsKey).forEach(k -> out.put(k, ordered(map.get(k))));
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (!out.containsKey(key)) {
                    out.put(key, ordered(v));
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(YamlRenderer::ordered).toList();
        }
        return node;
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
