package dev.trafficwizard.gatewayapi;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Durations between Istio's notation (a decimal and a unit, e.g. {@code 0.5s}, {@code 2s}, {@code 1m})
 * and the Gateway API's ({@code ^([0-9]{1,5}(h|m|s|ms)){1,4}$}: whole numbers only, e.g. {@code 500ms}).
 * A duration is written with the largest unit that holds it whole; one finer than a millisecond has no
 * Gateway API form.
 */
final class Durations {


    private Durations() {
    }

    /** The duration in milliseconds (possibly fractional), read as Istio reads it; empty when it is not one or is negative. */
    static Optional<BigDecimal> millis(String duration) {
        java.util.OptionalLong nanos = dev.trafficwizard.routing.Durations.nanos(duration);
        if (nanos.isEmpty() || nanos.getAsLong() < 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(nanos.getAsLong()).movePointLeft(6));
    }

    /** The Gateway API form of an Istio duration; empty when it has none (not whole milliseconds, or too long). */
    static Optional<String> toGatewayApi(String duration) {
        Optional<BigDecimal> millis = millis(duration);
        if (millis.isEmpty() || millis.get().stripTrailingZeros().scale() > 0) {
            return Optional.empty();
        }
        long ms = millis.get().longValueExact();
        String out = ms % 3_600_000 == 0 && ms > 0 ? ms / 3_600_000 + "h" : ms % 60_000 == 0 && ms > 0
                ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        if (out.replaceAll("[a-z]", "").length() <= 5) {
            return Optional.of(out);
        }
        // a number of more than five digits: hours, minutes, seconds and milliseconds apart
        StringBuilder parts = new StringBuilder();
        long[] units = {3_600_000, 60_000, 1000, 1};
        String[] names = {"h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            long n = ms / units[i];
            ms %= units[i];
            if (n > 0) {
                parts.append(n).append(names[i]);
            }
        }
        return parts.toString().matches("^([0-9]{1,5}(h|m|s|ms)){1,4}$") ? Optional.of(parts.toString())
                : Optional.empty();
    }

    /** A Gateway API duration as one Istio number and unit ({@code 1h30m} as {@code 90m}); null for null. */
    static String toIstio(String duration) {
        if (duration == null || duration.matches("^[0-9]+(h|m|s|ms)$")) {
            return duration;
        }
        return millis(duration).map(ms -> {
            long v = ms.longValue();
            return v % 60_000 == 0 && v > 0 ? v / 60_000 + "m" : v % 1000 == 0 ? v / 1000 + "s" : v + "ms";
        }).orElse(duration);
    }

    /** Whether a Gateway API duration is zero (Istio ignores a zero timeout). */
    static boolean zero(String duration) {
        return millis(duration).map(ms -> ms.signum() == 0).orElse(false);
    }
}
