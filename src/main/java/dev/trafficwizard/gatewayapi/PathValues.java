package dev.trafficwizard.gatewayapi;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CEL rules the HTTPRoute CRD (v1.6.1) states for {@code Exact} and {@code PathPrefix} path
 * values; an API server refuses a route that breaks one. Regular expressions are not checked there.
 */
final class PathValues {

    private static final Pattern CHARACTERS = Pattern.compile("^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$");
    private static final List<String> FORBIDDEN = List.of("//", "/./", "/../", "%2f", "%2F", "#");

    private PathValues() {
    }

    /** Why the value is refused as an Exact or PathPrefix path, or empty when it is accepted. */
    static Optional<String> problem(String value) {
        if (value == null || !value.startsWith("/")) {
            return Optional.of("a path must be absolute and start with '/'");
        }
        for (String part : FORBIDDEN) {
            if (value.contains(part)) {
                return Optional.of("a path must not contain '" + part + "'");
            }
        }
        if (value.endsWith("/..") || value.endsWith("/.")) {
            return Optional.of("a path must not end with '/..' or '/.'");
        }
        if (!CHARACTERS.matcher(value).matches()) {
            return Optional.of("a path may hold only letters, digits, -/._~!$&'()*+,;=:@ and %-escapes");
        }
        return Optional.empty();
    }
}
