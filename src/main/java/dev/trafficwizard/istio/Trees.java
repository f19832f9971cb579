package dev.trafficwizard.istio;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** fabric8 objects as JSON trees (maps and lists) and back, for the structural merge. */
final class Trees {

    private Trees() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(Object object) {
        return object == null ? null : copy(Serialization.jsonMapper().convertValue(object, Map.class));
    }

    /** {@code object} with its spec replaced by {@code spec}. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T withSpec(T object, Map<String, Object> spec) {
        Map<String, Object> tree = tree(object);
        tree.put("spec", spec);
        return (T) Serialization.jsonMapper().convertValue(tree, object.getClass());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /**
     * The first live entry not paired yet that {@code fits} the wanted one, now marked as paired;
     * -1 when none does (the wanted entry is new).
     */
    static int pair(List<Object> live, boolean[] used, java.util.function.Predicate<Map<String, Object>> fits) {
        for (int j = 0; j < live.size(); j++) {
            if (!used[j] && map(live.get(j)) != null && fits.test(map(live.get(j)))) {
                used[j] = true;
                return j;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A deep, mutable copy. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }

    /** Puts {@code value} under {@code key}, or removes the key when the value is null or empty. */
    static void putOrRemove(Map<String, Object> map, String key, Object value) {
        if (empty(value)) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    static boolean empty(Object value) {
        return value == null || value instanceof Map<?, ?> m && m.isEmpty() || value instanceof List<?> l && l.isEmpty();
    }

    /** The keys of {@code map} other than {@code owned}, as paths under {@code at}. */
    static void foreignKeys(Map<String, Object> map, List<String> owned, String at, List<String> out) {
        if (map == null) {
            return;
        }
        map.forEach((k, v) -> {
            if (!owned.contains(k) && !empty(v)) {
                out.add(at + "." + k);
            }
        });
    }
}
