package dev.trafficwizard.istio;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request to explain: where it is sent (host, path, method, headers, query parameters, port) and
 * whether it comes from outside through an ingress gateway or from a pod inside the mesh (whose
 * labels are {@code sourceLabels}). A query string written in the path ({@code /search?q=x}) counts
 * as query parameters too.
 *
 * @param port         the port the request is sent to; null = the default: the port of the gateway server
 *                     that accepts the host, or inside the mesh the service's port (not known to the
 *                     simulator: a match on a port is then assumed to fit)
 * @param sourceLabels the labels of the calling pod (mesh traffic only; through a gateway the caller is
 *                     the gateway's proxy and its labels count)
 */
public record SimulatedRequest(String host, String path, String method, Map<String, String> headers,
                               Map<String, String> queryParams, boolean viaGateway, Integer port,
                               Map<String, String> sourceLabels) {

    public SimulatedRequest(String host, String path, String method, Map<String, String> headers,
                            Map<String, String> queryParams, boolean viaGateway) {
        this(host, path, method, headers, queryParams, viaGateway, null, Map.of());
    }

    public SimulatedRequest {
        Map<String, String> labels = new LinkedHashMap<>();
        if (sourceLabels != null) {
            sourceLabels.forEach((k, v) -> {
                if (k != null && !k.isBlank()) {
                    labels.put(k.trim(), v == null ? "" : v.trim());
                }
            });
        }
        sourceLabels = java.util.Collections.unmodifiableMap(labels);
        host = host == null ? "" : host.trim();
        path = path == null || path.isBlank() ? "/" : path.trim();
        method = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        Map<String, String> lower = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v));
        }
        headers = Map.copyOf(lower);
        Map<String, String> query = new LinkedHashMap<>(parseQuery(path));
        if (queryParams != null) {
            queryParams.forEach((k, v) -> query.put(k, v == null ? "" : v));
        }
        queryParams = Map.copyOf(query);
    }

    /** A GET from outside the cluster, through the ingress gateway. */
    public static SimulatedRequest fromOutside(String host, String path) {
        return new SimulatedRequest(host, path, "GET", Map.of(), Map.of(), true);
    }

    /** A GET from a pod inside the mesh. */
    public static SimulatedRequest insideMesh(String host, String path) {
        return new SimulatedRequest(host, path, "GET", Map.of(), Map.of(), false);
    }

    public SimulatedRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimulatedRequest(host, path, method, more, queryParams, viaGateway, port, sourceLabels);
    }

    public SimulatedRequest withMethod(String newMethod) {
        return new SimulatedRequest(host, path, newMethod, headers, queryParams, viaGateway, port, sourceLabels);
    }

    /** The same request sent to {@code newPort} (null = the default port). */
    public SimulatedRequest withPort(Integer newPort) {
        return new SimulatedRequest(host, path, method, headers, queryParams, viaGateway, newPort, sourceLabels);
    }

    /** The same request from a pod carrying {@code labels}. */
    public SimulatedRequest withSourceLabels(Map<String, String> labels) {
        return new SimulatedRequest(host, path, method, headers, queryParams, viaGateway, port, labels);
    }

    /** The host without a {@code :port}, lower case: what host names are compared with. */
    public String hostName() {
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        boolean port = colon > 0 && colon < h.length() - 1 && h.substring(colon + 1).chars().allMatch(Character::isDigit);
        return port && !h.endsWith("]") ? h.substring(0, colon) : h;
    }

    /** The path without query string and fragment: what {@code uri} matches are compared with. */
    public String uriPath() {
        int cut = path.length();
        for (char c : new char[] {'?', '#'}) {
            int i = path.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return path.substring(0, cut);
    }

    private static Map<String, String> parseQuery(String path) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = path == null ? -1 : path.indexOf('?');
        if (q < 0) {
            return out;
        }
        String query = path.substring(q + 1);
        int hash = query.indexOf('#');
        for (String pair : (hash >= 0 ? query.substring(0, hash) : query).split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                out.putIfAbsent(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return out;
    }
}
