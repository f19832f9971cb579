package dev.trafficwizard.gatewayapi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as an HTTPRoute sees it. The host loses its port and case; a query string left on the
 * path is dropped (query parameters go in {@code query}); header names are kept lower case because the
 * Gateway API matches them case-insensitively. Query parameter names stay as given (exact match).
 */
public record RouteRequest(String host, String path, String method, Map<String, String> headers,
                           Map<String, String> query) {

    public RouteRequest {
        host = host == null ? "" : stripPort(host).toLowerCase(Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        method = method == null ? "GET" : method;
        Map<String, String> lower = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        }
        headers = Map.copyOf(lower);
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    public static RouteRequest get(String host, String path) {
        return new RouteRequest(host, path, "GET", Map.of(), Map.of());
    }

    /** The value of a header, its name in any case; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
