package dev.trafficwizard.istio;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Istio's durations ({@code 2s}, {@code 500ms}, {@code 1m30s}: Go's notation) and what its
 * admission asks of them: at least 1 ms, and nothing finer than milliseconds.
 */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private Durations() {
    }

    /** The duration in nanoseconds; null when it is not a duration. */
    static BigDecimal nanos(String duration) {
        if (duration == null || duration.isEmpty()) {
            return null;
        }
        Matcher m = PART.matcher(duration);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            total = total.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
                    .multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            at = m.end();
        }
        return at == duration.length() ? total : null;
    }

    /** What Istio's {@code ValidateDuration} says of it; null when it accepts it. */
    static String problem(String duration) {
        BigDecimal nanos = nanos(duration);
        if (nanos == null) {
            return "invalid duration \"" + duration + "\" (such as 500ms, 2s or 1m)";
        }
        if (nanos.compareTo(BigDecimal.valueOf(1_000_000L)) < 0) {
            return "duration must be greater than 1ms";
        }
        if (nanos.remainder(BigDecimal.valueOf(1_000_000L)).signum() != 0) {
            return "only durations to ms precision are supported";
        }
        return null;
    }
}
