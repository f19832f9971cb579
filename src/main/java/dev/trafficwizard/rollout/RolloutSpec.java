package dev.trafficwizard.rollout;

import java.util.List;

/**
 * A rollout asked for: move a service's traffic from {@code stable} to {@code canary} through
 * {@code steps}, judged by {@code gates} (null: none). Validated by {@link RolloutSpecCheck}.
 */
public record RolloutSpec(String stable, String canary, List<Step> steps, Gates gates) {

    public RolloutSpec {
        steps = steps == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(steps));
    }

    public Gates gatesOrNone() {
        return gates == null ? new Gates(null, null, null, null, null) : gates;
    }
}
