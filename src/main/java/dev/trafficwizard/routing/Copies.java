package dev.trafficwizard.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies for the plan records that, unlike {@code List.copyOf}, keep null entries and
 * order: a plan from the API may say {@code "rules": [null]}, and {@code checks.PlanStructure} must be able
 * to name that entry instead of the record failing to exist.
 */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
