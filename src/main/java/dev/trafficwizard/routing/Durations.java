package dev.trafficwizard.routing;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Durations as Istio reads them: Istio decodes a duration string with Go's
 * {@code time.ParseDuration} (legacy jsonpb), and the CRDs' CEL rule {@code duration(self)} parses
 * it the same way, so the syntax is Go's: an optional sign, then one or more decimal numbers each
 * with a unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}),
 * such as {@code 2s}, {@code 500ms}, {@code 1m30s}, {@code 1.5h}, {@code .5s}, or {@code 0} alone.
 * A request duration (timeouts, delays, outlier detection) must besides be at least {@code 1ms}
 * (the CEL rule and Istio's {@code ValidateDuration}) and a whole number of milliseconds
 * ({@code ValidateDuration}).
 */
public final class Durations {

    private static final long MS = 1_000_000L;
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", MS,
            "s", 1_000 * MS, "m", 60_000 * MS, "h", 3_600_000 * MS);

    private Durations() {
    }

    /** The duration in nanoseconds as Go's {@code time.ParseDuration} reads it; empty when Go refuses it. */
    public static OptionalLong nanos(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        String s = value;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return OptionalLong.of(0);
        }
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        long total = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '.' && !digit(c)) {
                return OptionalLong.empty();
            }
            int start = i;
            long whole = 0;
            for (; i < s.length() && digit(s.charAt(i)); i++) {
                if (whole > Long.MAX_VALUE / 10) {
                    return OptionalLong.empty();
                }
                whole = whole * 10 + (s.charAt(i) - '0');
                if (whole < 0) {
                    return OptionalLong.empty();
                }
            }
            boolean pre = i > start;
            boolean post = false;
            long fraction = 0;
            double scale = 1;
            if (i < s.length() && s.charAt(i) == '.') {
                int fractionStart = ++i;
                boolean overflow = false;
                for (; i < s.length() && digit(s.charAt(i)); i++) {
                    if (overflow || fraction > Long.MAX_VALUE / 10) {
                        overflow = true;
                        continue;
                    }
                    fraction = fraction * 10 + (s.charAt(i) - '0');
                    scale *= 10;
                }
                post = i > fractionStart;
            }
            if (!pre && !post) {
                return OptionalLong.empty();
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !digit(s.charAt(i))) {
                i++;
            }
            Long unit = UNITS.get(s.substring(unitStart, i));
            if (unit == null || whole > Long.MAX_VALUE / unit) {
                return OptionalLong.empty();
            }
            long part = whole * unit;
            if (fraction > 0) {
                part += (long) ((double) fraction * ((double) unit / scale));
                if (part < 0) {
                    return OptionalLong.empty();
                }
            }
            total += part;
            if (total < 0) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(negative ? -total : total);
    }

    /** What is wrong with a request duration, as Istio's admission says it. */
    public enum Problem {
        /** Not a duration Go reads. */
        INVALID,
        /** Under 1ms. */
        TOO_SHORT,
        /** Not a whole number of milliseconds. */
        PRECISION
    }

    /** What Istio's {@code ValidateDuration} and the CRDs' CEL rule refuse in a request duration; null when they accept it. */
    public static Problem problem(String value) {
        OptionalLong nanos = nanos(value);
        if (nanos.isEmpty()) {
            return Problem.INVALID;
        }
        if (nanos.getAsLong() < MS) {
            return Problem.TOO_SHORT;
        }
        return nanos.getAsLong() % MS != 0 ? Problem.PRECISION : null;
    }

    /** Whether Istio accepts {@code value} as a request duration (see {@link #problem}). */
    public static boolean isRequestDuration(String value) {
        return problem(value) == null;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
