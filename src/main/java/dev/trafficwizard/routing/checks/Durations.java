package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;

import java.util.List;
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

    /**
     * Checks a request duration at {@code path}: {@code INVALID_DURATION} when it is not one,
     * {@code DURATION_TOO_SHORT} under 1ms, {@code DURATION_PRECISION} when not a whole number of
     * milliseconds (argument: the value). Returns its nanoseconds, or -1 when reported.
     */
    static long check(String value, String path, List<Diagnostic> out) {
        OptionalLong nanos = nanos(value);
        if (nanos.isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_DURATION, path, value));
            return -1;
        }
        if (nanos.getAsLong() < MS) {
            out.add(Diagnostic.error(DiagnosticCode.DURATION_TOO_SHORT, path, value));
            return -1;
        }
        if (nanos.getAsLong() % MS != 0) {
            out.add(Diagnostic.error(DiagnosticCode.DURATION_PRECISION, path, value));
            return -1;
        }
        return nanos.getAsLong();
    }

    /** Whether Istio accepts {@code value} as a request duration (see {@link #check}). */
    public static boolean isRequestDuration(String value) {
        OptionalLong nanos = nanos(value);
        return nanos.isPresent() && nanos.getAsLong() >= MS && nanos.getAsLong() % MS == 0;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
