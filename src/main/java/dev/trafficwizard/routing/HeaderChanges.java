package dev.trafficwizard.routing;

import java.util.List;
import java.util.Map;

/**
 * Header changes of a rule with Istio's names ({@code headers.request} / {@code headers.response}):
 * what the proxy sets, adds and removes before forwarding a request and before returning the
 * answer. Written as the Gateway API's {@code RequestHeaderModifier} / {@code ResponseHeaderModifier}.
 */
public record HeaderChanges(Operations request, Operations response) {

    /** {@code set} overwrites, {@code add} appends, {@code remove} deletes headers by name. */
    public record Operations(Map<String, String> set, Map<String, String> add, List<String> remove) {
        public Operations {
            set = Copies.map(set);
            add = Copies.map(add);
            remove = Copies.list(remove);
        }

        /** Whether no header is set, added or removed (not a bean property: the JSON has no {@code empty}). */
        public boolean setsNothing() {
            return set.isEmpty() && add.isEmpty() && remove.isEmpty();
        }
    }
}
