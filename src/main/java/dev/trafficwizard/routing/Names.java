package dev.trafficwizard.routing;

import java.util.regex.Pattern;

/** Kubernetes, DNS and HTTP name rules the plan's fields must follow. */
public final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern HOST = Pattern.compile(
            "(\\*|(\\*\\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*)");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    /** RFC 7230 {@code token}: one or more {@code tchar}. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Pattern LOWERCASE_TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9a-z]+");

    /** Longest header name accepted in a match or as a hash key. */
    public static final int MAX_HEADER_NAME_LENGTH = 256;

    private Names() {
    }

    /** RFC 1123 label: namespaces, services, object names. */
    public static boolean isDnsLabel(String value) {
        return value != null && DNS_LABEL.matcher(value).matches();
    }

    /** A VirtualService or Gateway host: {@code *}, a DNS name, or a wildcard {@code *.domain}. */
    public static boolean isHost(String value) {
        return value != null && value.length() <= 253 && HOST.matcher(value).matches();
    }

    /** RFC 1123 subdomain: Secret names such as a gateway's {@code credentialName}. */
    public static boolean isDnsSubdomain(String value) {
        return value != null && value.length() <= 253 && DNS_SUBDOMAIN.matcher(value).matches();
    }

    /** An HTTP token (RFC 7230 {@code tchar}s, any case): query parameter names, methods. */
    public static boolean isToken(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }

    /**
     * A header name as Istio expects it in matches and hash keys: a lowercase HTTP token of at
     * most {@value #MAX_HEADER_NAME_LENGTH} characters. Pseudo-headers such as {@code :authority}
     * are not tokens and so are rejected.
     */
    public static boolean isHeaderName(String value) {
        return value != null && value.length() <= MAX_HEADER_NAME_LENGTH && LOWERCASE_TOKEN.matcher(value).matches();
    }

    /** A cookie name: an HTTP token (RFC 6265 {@code cookie-name}), case-sensitive. */
    public static boolean isCookieName(String value) {
        return isToken(value);
    }

    /**
     * The subset name for a version label value: lowercased, characters a DNS label cannot hold
     * turned into dashes. Versions such as {@code v1} keep their name.
     */
    public static String subsetName(String version) {
        String name = version.toLowerCase().replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "version" : name.length() > 63 ? name.substring(0, 63) : name;
    }
}
