package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Durations.Problem;

/**
 * Istio's admission words for a request duration that {@link dev.trafficwizard.routing.Durations}
 * (the one reading of Go's duration notation) finds wrong.
 */
final class Durations {

    private Durations() {
    }

    /** What Istio's {@code ValidateDuration} says of it; null when it accepts it. */
    static String problem(String duration) {
        Problem problem = dev.trafficwizard.routing.Durations.problem(duration);
        if (problem == null) {
            return null;
        }
        return switch (problem) {
            case INVALID -> "invalid duration \"" + duration + "\" (such as 500ms, 2s or 1m)";
            case TOO_SHORT -> "duration must be greater than 1ms";
            case PRECISION -> "only durations to ms precision are supported";
        };
    }
}
