package dev.trafficwizard.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP match entry as Istio's validation compares entries for overlap (IST0131): only entries
 * matching the URI by a non-empty prefix take part, with their port (0 when none); the method,
 * authority, header, query parameter and without-header values are kept as {@code exact:<v>}, {@code prefix:<v>} or
 * {@code ""} (regex and presence), and a missing method counts as {@code exact:GET}. Built from a
 * plan's {@link MatchCondition} here and from a live {@code HTTPMatchRequest} by the analyzers, so
 * both compare through the one {@link #covers}.
 */
public record MatchShape(String prefix, long port, String method, String authority, Map<String, String> headers,
                         Map<String, String> queryParams, Map<String, String> withoutHeaders) {

    public MatchShape {
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        queryParams = Map.copyOf(queryParams == null ? Map.of() : queryParams);
        withoutHeaders = Map.copyOf(withoutHeaders == null ? Map.of() : withoutHeaders);
        method = method == null || method.isEmpty() ? "exact:GET" : method;
        authority = authority == null ? "" : authority;
    }

    /** A value as Istio keeps it: {@code exact:} when exact is set, else {@code prefix:}, else empty. */
    public static String tagged(String exact, String prefix) {
        if (exact != null && !exact.isEmpty()) {
            return "exact:" + exact;
        }
        if (prefix != null && !prefix.isEmpty()) {
            return "prefix:" + prefix;
        }
        return "";
    }

    /** The shape of a plan's match entry, or null when it does not match the URI by a non-empty prefix. */
    public static MatchShape of(MatchCondition m) {
        if (m == null || m.uri() == null || m.uri().prefix() == null || m.uri().prefix().isEmpty()) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        m.headers().forEach((k, v) -> headers.put(Names.emittedHeaderName(k), tagged(v)));
        Map<String, String> params = new LinkedHashMap<>();
        m.queryParams().forEach((k, v) -> params.put(k, tagged(v)));
        Map<String, String> without = new LinkedHashMap<>();
        m.withoutHeaders().forEach((k, v) -> without.put(Names.emittedHeaderName(k), tagged(v)));
        return new MatchShape(m.uri().prefix(), m.port() == null ? 0 : m.port(), tagged(m.method()),
                tagged(m.authority()), headers, params, without);
    }

    private static String tagged(StringMatch s) {
        return s == null ? "" : tagged(s.exact(), s.prefix());
    }

    /**
     * Whether this earlier entry takes every request the {@code later} one would, as Istio decides
     * it ({@code coveredValidation}): the later prefix starts with this one (equal prefixes are left
     * to the duplicate check), the same port, and method, authority and each header, query parameter
     * and without-header value either equal or, as Istio compares them, this one's tagged value
     * starting with the later one's; the same header, parameter and without-header names.
     */
    public boolean covers(MatchShape later) {
        if (prefix.equals(later.prefix) || !later.prefix.startsWith(prefix) || port != later.port) {
            return false;
        }
        return covered(method, later.method) && covered(authority, later.authority)
                && covered(headers, later.headers) && covered(queryParams, later.queryParams)
                && covered(withoutHeaders, later.withoutHeaders);
    }

    private static boolean covered(String earlier, String later) {
        return earlier.equals(later) || earlier.startsWith(later);
    }

    private static boolean covered(Map<String, String> earlier, Map<String, String> later) {
        if (earlier.size() != later.size()) {
            return false;
        }
        for (Map.Entry<String, String> e : earlier.entrySet()) {
            String other = later.get(e.getKey());
            if (other == null || !covered(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }
}
