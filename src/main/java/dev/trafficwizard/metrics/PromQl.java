package dev.trafficwizard.metrics;

import dev.trafficwizard.routing.Hosts;

import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The PromQL queries of the per-version figures, each for all asked services at once, grouped
 * {@code by (destination_service, destination_version)}. Istio's standard metrics name the service
 * by its FQDN in {@code destination_service} and the workload's {@code version} label in
 * {@code destination_version}.
 */
final class PromQl {

    static final String REQUESTS = "istio_requests_total";
    static final String DURATION_BUCKETS = "istio_request_duration_milliseconds_bucket";
    static final String BY = "destination_service, destination_version";

    private final String selector;

    /**
     * @param services the services asked for (at least one)
     * @param reporter the {@code reporter} label value; blank: no reporter matcher
     */
    PromQl(Collection<ServiceRef> services, String reporter) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no services to query");
        }
        String regex = services.stream().map(s -> Hosts.serviceFqdn(s.name(), s.namespace()))
                .distinct().sorted().map(PromQl::regexLiteral).collect(Collectors.joining("|"));
        String reporterMatcher = reporter == null || reporter.isBlank() ? ""
                : "reporter=" + string(reporter) + ",";
        this.selector = reporterMatcher + "destination_service=~" + string(regex);
    }

    /** Requests answered over the window. */
    String requests(Duration window) {
        return "sum by (" + BY + ") (increase(" + REQUESTS + "{" + selector + "}[" + duration(window) + "]))";
    }

    /** Requests per second over the window. */
    String requestsPerSecond(Duration window) {
        return "sum by (" + BY + ") (rate(" + REQUESTS + "{" + selector + "}[" + duration(window) + "]))";
    }

    /**
     * The percentage of requests not answered with a 5xx. A version with requests but none outside
     * 5xx has no non-5xx series at all: {@code or ... * 0} makes that 0 % instead of no answer;
     * a version without requests divides 0 by 0 (NaN, read as no figure).
     */
    String successRate(Duration window) {
        String w = duration(window);
        String all = "sum by (" + BY + ") (increase(" + REQUESTS + "{" + selector + "}[" + w + "]))";
        String ok = "sum by (" + BY + ") (increase(" + REQUESTS + "{" + selector + ",response_code!~\"5..\"}["
                + w + "]))";
        return "100 * (" + ok + " or " + all + " * 0) / " + all;
    }

    /** The 99th percentile of the request duration in milliseconds. */
    String p99(Duration window) {
        return "histogram_quantile(0.99, sum by (le, " + BY + ") (rate(" + DURATION_BUCKETS + "{" + selector + "}["
                + duration(window) + "])))";
    }

    /** The request rate for the sparkline, one point per {@code step}, each over the step's last minute at least. */
    String rateSeries(Duration step) {
        Duration w = step.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : step;
        return requestsPerSecond(w);
    }

    /**
     * A duration as PromQL writes it: the largest whole unit ({@code 5m}, {@code 90s}, {@code 1h},
     * {@code 1500ms}).
     */
    static String duration(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the window must be positive, was " + d);
        }
        long ms = d.toMillis();
        if (ms == 0) {
            throw new IllegalArgumentException("the window must be at least 1ms, was " + d);
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    /** The text matched literally by an RE2 regular expression (Prometheus anchors it at both ends). */
    static String regexLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A PromQL string literal in double quotes (Go escapes). */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
