package dev.trafficwizard.security;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;

/**
 * The credentials of an {@code Authorization} header: Basic or Bearer (any case) with a non-empty
 * value. "Negotiate x", "Bearer " or no header at all are none.
 */
record Credentials(String scheme, String value) {

    static Credentials parse(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split("\\s+", 2);
        String scheme = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length < 2 || parts[1].isBlank() || !(scheme.equals("basic") || scheme.equals("bearer"))) {
            return null;
        }
        return new Credentials(scheme, parts[1].trim());
    }

    boolean bearer() {
        return scheme.equals("bearer");
    }
}
