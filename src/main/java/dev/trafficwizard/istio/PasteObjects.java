package dev.trafficwizard.istio;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Pasted documents as fabric8 objects, and the fields in them Istio does not know: fabric8 keeps
 * unknown fields in each model's {@code additionalProperties}, where Istio's schema refuses them.
 */
public final class PasteObjects {

    private PasteObjects() {
    }

    static void convert(Map<String, Object> tree, Class<? extends HasMetadata> type, int document, int line,
                        Consumer<PasteReader.Pasted> objects, Consumer<PasteReader.Problem> problems) {
        try {
            Map<String, Object> input = Trees.copy(tree);
            HasMetadata object = Serialization.jsonMapper().convertValue(tree, type);
            objects.accept(new PasteReader.Pasted(object, document, line, unknownFields(object, input)));
        } catch (IllegalArgumentException e) {
            String path = e.getCause() instanceof JsonMappingException m ? path(m) : "";
            String detail = e.getCause() instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
            problems.accept(PasteReader.Problem.of(document, line, "value", path.isEmpty() ? "spec" : path,
                    PasteReader.shorten(detail == null ? "" : detail)));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Each field of {@code input} that the schema of {@code object} (read from it) does not have,
     * at its YAML path ({@code spec.http[0].rout}): those fabric8 kept aside, and those it dropped
     * (inside a one-of such as a string match).
     */
    static List<Violation> unknownFields(HasMetadata object, Map<String, Object> input) {
        List<Violation> out = new ArrayList<>();
        walk(object, "", out, 0);
        dropped(input, Trees.tree(object), "", out, 0);
        return out.stream().collect(java.util.stream.Collectors.toMap(Violation::path, v -> v, (a, b) -> a,
                java.util.LinkedHashMap::new)).values().stream().toList();
    }

    private static void dropped(Object input, Object output, String path, List<Violation> out, int depth) {
        if (depth > PasteReader.MAX_DEPTH * 2) {
            return;
        }
        if (input instanceof Map<?, ?> in && output instanceof Map<?, ?> kept) {
            for (Map.Entry<?, ?> e : in.entrySet()) {
                String at = join(path, String.valueOf(e.getKey()));
                if (kept.containsKey(e.getKey())) {
                    dropped(e.getValue(), kept.get(e.getKey()), at, out, depth + 1);
                } else if (!empty(e.getValue())) {
                    out.add(new Violation(at, "unknown field \"" + e.getKey() + "\""));
                }
            }
        } else if (input instanceof List<?> in && output instanceof List<?> kept) {
            for (int i = 0; i < Math.min(in.size(), kept.size()); i++) {
                dropped(in.get(i), kept.get(i), path + "[" + i + "]", out, depth + 1);
            }
        }
    }

    private static boolean empty(Object value) {
        return value == null || value instanceof Map<?, ?> m && m.isEmpty() || value instanceof List<?> l && l.isEmpty();
    }

    private static void walk(Object value, String path, List<Violation> out, int depth) {
        if (value == null || depth > PasteReader.MAX_DEPTH * 2) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", out, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.putIfAbsent(String.valueOf(k), v)); // values may be null
            sorted.forEach((k, v) -> walk(v, join(path, k), out, depth + 1));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object fieldValue = read(field, value);
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra) {
                        extra.keySet().stream().map(String::valueOf).sorted().forEach(k -> out.add(new Violation(join(path, String.valueOf(k)),
                                "unknown field \"" + k + "\"")));
                    }
                } else if (field.isAnnotationPresent(JsonUnwrapped.class)) {
                    walk(fieldValue, path, out, depth + 1);
                } else {
                    JsonProperty property = field.getAnnotation(JsonProperty.class);
                    String name = property != null && !property.value().isEmpty() ? property.value() : field.getName();
                    walk(fieldValue, join(path, name), out, depth + 1);
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
