package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether one HTTPRouteMatch or hostname matches a request, as the Gateway API v1 defines it. Regular
 * expressions are RE2 (RE2/J), matched against the whole value, as Envoy does for Istio. A regex that does
 * not compile matches nothing. Unknown match types match nothing.
 */
public final class HttpRouteMatching {

    public static final String EXACT = "Exact";
    public static final String PATH_PREFIX = "PathPrefix";
    public static final String REGEX = "RegularExpression";

    private HttpRouteMatching() {
    }

    /** The path match type, PathPrefix when unset (the CRD default). */
    public static String pathType(HTTPRouteMatch match) {
        HTTPPathMatch path = match.getPath();
        return path == null || path.getType() == null ? PATH_PREFIX : path.getType();
    }

    /** The path match value, "/" when unset (the CRD default). */
    public static String pathValue(HTTPRouteMatch match) {
        HTTPPathMatch path = match.getPath();
        return path == null || path.getValue() == null ? "/" : path.getValue();
    }

    public static boolean matches(HTTPRouteMatch match, RouteRequest request) {
        return pathMatches(pathType(match), pathValue(match), request.path())
                && (match.getMethod() == null || match.getMethod().equals(request.method()))
                && headersMatch(match, request)
                && queryMatches(match, request);
    }

    /** PathPrefix works on whole path segments and ignores a trailing slash of the prefix. */
    public static boolean pathMatches(String type, String value, String path) {
        switch (type) {
            case EXACT:
                return value.equals(path);
            case PATH_PREFIX:
                String prefix = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
            case REGEX:
                return dev.trafficwizard.routing.checks.Re2.fullMatch(value, path);
            default:
                return false;
        }
    }

    /** Header matches with the later duplicates of a name (any case) dropped, as the spec requires. */
    public static List<HTTPHeaderMatch> effectiveHeaders(HTTPRouteMatch match) {
        List<HTTPHeaderMatch> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HTTPHeaderMatch header : match.getHeaders() == null ? List.<HTTPHeaderMatch>of() : match.getHeaders()) {
            if (header.getName() != null && seen.add(header.getName().toLowerCase(Locale.ROOT))) {
                kept.add(header);
            }
        }
        return kept;
    }

    /** Query param matches with the later duplicates of a name dropped (names compare exactly). */
    public static List<HTTPQueryParamMatch> effectiveQueryParams(HTTPRouteMatch match) {
        List<HTTPQueryParamMatch> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<HTTPQueryParamMatch> all = match.getQueryParams() == null ? List.of() : match.getQueryParams();
        for (HTTPQueryParamMatch param : all) {
            if (param.getName() != null && seen.add(param.getName())) {
                kept.add(param);
            }
        }
        return kept;
    }

    private static boolean headersMatch(HTTPRouteMatch match, RouteRequest request) {
        for (HTTPHeaderMatch header : effectiveHeaders(match)) {
            if (!valueMatches(header.getType(), header.getValue(), request.header(header.getName()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean queryMatches(HTTPRouteMatch match, RouteRequest request) {
        for (HTTPQueryParamMatch param : effectiveQueryParams(match)) {
            if (!valueMatches(param.getType(), param.getValue(), request.query().get(param.getName()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueMatches(String type, String expected, String actual) {
        if (actual == null || expected == null) {
            return false;
        }
        if (type == null || EXACT.equals(type)) {
            return expected.equals(actual);
        }
        return REGEX.equals(type) && dev.trafficwizard.routing.checks.Re2.fullMatch(expected, actual);
    }

    /**
     * How specifically a route's hostnames match a host: -1 when none matches; otherwise, of the matching
     * hostnames, the best (characters of a non-wildcard hostname, then characters of the hostname) packed
     * into one number. A route without hostnames matches every host with 0.
     */
    public static long hostnameScore(List<String> hostnames, String host) {
        if (hostnames == null || hostnames.isEmpty()) {
            return 0;
        }
        long best = -1;
        for (String raw : hostnames) {
            String name = raw.toLowerCase(Locale.ROOT);
            boolean wildcard = name.startsWith("*.");
            boolean hit = wildcard ? host.endsWith(name.substring(1)) && host.length() > name.length() - 1
                    : name.equals(host);
            if (hit) {
                best = Math.max(best, (wildcard ? 0L : name.length()) * 10_000 + name.length());
            }
        }
        return best;
    }
}
