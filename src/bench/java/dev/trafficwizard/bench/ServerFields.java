package dev.trafficwizard.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the API server and kubectl add to an object, for {@link RealisticObjects}: the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation (the manifest as kubectl
 * writes it: sorted keys, no status, no server-set metadata) and {@code metadata.managedFields}
 * entries whose FieldsV1 mirror the object ({@code f:<field>} per map key, {@code k:{...}} per
 * element of a keyed list, {@code {}} for leaves and atomic lists).
 */
final class ServerFields {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final ObjectMapper SORTED =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** The keys of keyed lists, most specific first, as the API's list-map keys. */
    private static final List<List<String>> LIST_KEYS = List.of(List.of("containerPort", "protocol"),
            List.of("port", "protocol"), List.of("mountPath"), List.of("type"), List.of("name"));

    private ServerFields() {
    }

    /** The object as a JSON tree of maps and lists. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(Object object) {
        try {
            return SORTED.readValue(Serialization.asJson(object), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object's JSON with every map's keys sorted (so independent of the input maps' order). */
    static String sortedJson(Object object) {
        try {
            return SORTED.writeValueAsString(tree(object));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The last-applied manifest of {@code object}: apiVersion, kind, metadata (name, namespace, labels,
     * annotations but this one) and spec without the fields named in {@code serverSpecFields}, at any
     * depth (what the API server fills in, which a manifest does not say).
     */
    @SuppressWarnings("unchecked")
    static String lastApplied(HasMetadata object, List<String> serverSpecFields) {
        Map<String, Object> tree = tree(object);
        Map<String, Object> manifest = new TreeMap<>();
        manifest.put("apiVersion", tree.get("apiVersion"));
        manifest.put("kind", tree.get("kind"));
        Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
        Map<String, Object> meta = new TreeMap<>();
        for (String k : List.of("name", "namespace", "labels", "annotations")) {
            if (metadata.get(k) != null) {
                meta.put(k, metadata.get(k));
            }
        }
        if (meta.get("annotations") instanceof Map<?, ?> a) {
            Map<String, Object> annotations = new TreeMap<>((Map<String, Object>) a);
            annotations.remove(LAST_APPLIED);
            meta.put("annotations", annotations);
        }
        manifest.put("metadata", meta);
        if (tree.get("spec") instanceof Map<?, ?> s) {
            manifest.put("spec", without(s, serverSpecFields));
        }
        try {
            return SORTED.writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object without(Object json, List<String> keys) {
        if (json instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> {
                if (!keys.contains(k)) {
                    out.put(k, without(v, keys));
                }
            });
            return out;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(e -> without(e, keys)).toList();
        }
        return json;
    }

    /** A managedFields entry of an Update by {@code manager} over {@code fields} (a FieldsV1 tree). */
    static ManagedFieldsEntry entry(String manager, String apiVersion, String time, String subresource,
                                    Map<String, Object> fields) {
        FieldsV1 v1 = new FieldsV1();
        fields.forEach(v1::setAdditionalProperty);
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation("Update")
                .withApiVersion(apiVersion).withTime(time).withFieldsType("FieldsV1").withFieldsV1(v1)
                .withSubresource(subresource).build();
    }

    /** The FieldsV1 of a JSON map: {@code f:<key>} per key, recursively. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Map<String, Object> json) {
        Map<String, Object> out = new TreeMap<>();
        json.forEach((k, v) -> out.put("f:" + k, value(v)));
        return out;
    }

    /** The FieldsV1 of the given top-level {@code keys} of a JSON map. */
    static Map<String, Object> fields(Map<String, Object> json, List<String> keys) {
        Map<String, Object> some = new LinkedHashMap<>();
        keys.stream().filter(json::containsKey).forEach(k -> some.put(k, json.get(k)));
        return fields(some);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return fields((Map<String, Object>) m);
        }
        if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            List<String> key = LIST_KEYS.stream().filter(k -> first.keySet().containsAll(k)).findFirst().orElse(null);
            if (key == null) {
                return Map.of();
            }
            Map<String, Object> out = new TreeMap<>();
            for (Object element : list) {
                Map<String, Object> e = (Map<String, Object>) element;
                Map<String, Object> keyValues = new TreeMap<>();
                key.forEach(k -> keyValues.put(k, e.get(k)));
                Map<String, Object> item = new TreeMap<>(fields(e));
                item.put(".", Map.of());
                try {
                    out.put("k:" + SORTED.writeValueAsString(keyValues), item);
                } catch (JsonProcessingException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            return out;
        }
        return Map.of();
    }
}
