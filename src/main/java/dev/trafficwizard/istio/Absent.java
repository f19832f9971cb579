package dev.trafficwizard.istio;

import java.util.Collection;
import java.util.Map;

/** fabric8 models start lists and maps empty rather than null: both mean "not set". */
final class Absent {

    private Absent() {
    }

    static boolean is(Object value) {
        return value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }
}
