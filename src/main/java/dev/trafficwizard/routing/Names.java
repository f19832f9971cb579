package dev.trafficwizard.routing;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Kubernetes, DNS and HTTP name rules the plan's fields must follow (as Istio's validation applies them). */
public final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** {@code *}, or DNS labels (the first may be {@code *}), optionally ending in a dot ({@code example.com.}). */
    private static final Pattern HOST = Pattern.compile(
            "(\\*|(\\*\\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\\.?)");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    /** RFC 7230 {@code token}: one or more {@code tchar}. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** The HTTP/2 pseudo-headers Istio accepts in header matches. */
    private static final Set<String> PSEUDO_HEADERS = Set.of(":method", ":scheme", ":authority", ":path", ":status");
    /** Istio's prefix for routing on JWT claims, e.g. {@code @request.auth.claims.group}. */
    public static final String JWT_CLAIM_PREFIX = "@request.auth.claims";

    /** Longest header name accepted in a match or as a hash key. */
    public static final int MAX_HEADER_NAME_LENGTH = 256;

    private Names() {
    }

    /** RFC 1123 label: namespaces, services, object names. */
    public static boolean isDnsLabel(String value) {
        return value != null && DNS_LABEL.matcher(value).matches();
    }

    /**
     * A VirtualService host: {@code *}, a DNS name, or a wildcard {@code *.domain}; a trailing dot
     * ({@code example.com.}) is allowed as in Istio; an all-numeric top-level domain is not,
     * unless the whole host is an IPv4 address.
     */
    public static boolean isHost(String value) {
        return value != null && value.length() <= 253 && HOST.matcher(value).matches()
                && (!numericTopLevelDomain(value) || isIpv4(value));
    }

    /** Whether the last label is all digits, such as {@code foo.123} (Istio refuses those). */
    public static boolean numericTopLevelDomain(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String tld = h.substring(h.lastIndexOf('.') + 1);
        return !tld.isEmpty() && tld.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** An IPv4 address in dotted decimal, each part at most 255. */
    public static boolean isIpv4(String value) {
        var m = IPV4.matcher(value);
        if (!m.matches()) {
            return false;
        }
        for (int g = 1; g <= 4; g++) {
            if (Integer.parseInt(m.group(g)) > 255) {
                return false;
            }
        }
        return true;
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
     * A header name as Istio accepts it in matches and hash keys: an HTTP token of any case (Envoy
     * compares header names case-insensitively; Traffic Wizard writes them lowercase) of at most
     * {@value #MAX_HEADER_NAME_LENGTH} characters, or a pseudo-header such as {@code :authority}.
     */
    public static boolean isHeaderName(String value) {
        return value != null && value.length() <= MAX_HEADER_NAME_LENGTH
                && (TOKEN.matcher(value).matches() || isPseudoHeader(value));
    }

    /** One of the HTTP/2 pseudo-headers Istio accepts in header matches, such as {@code :authority}. */
    public static boolean isPseudoHeader(String value) {
        return PSEUDO_HEADERS.contains(value);
    }

    /** A header name in Istio's JWT claim form: {@code @request.auth.claims.a.b} or {@code ...claims[a][b]}. */
    public static boolean isJwtClaim(String value) {
        if (value == null || !value.toLowerCase(Locale.ROOT).startsWith(JWT_CLAIM_PREFIX)) {
            return false;
        }
        String rest = value.substring(JWT_CLAIM_PREFIX.length());
        return rest.startsWith(".") && rest.length() > 1
                || rest.startsWith("[") && rest.endsWith("]") && rest.length() > 2;
    }

    /** The header name as written into Istio objects: lowercase, except a JWT claim (claims are case-sensitive). */
    public static String emittedHeaderName(String name) {
        return isJwtClaim(name) ? name : name.toLowerCase(Locale.ROOT);
    }

    /**
     * The index of the first control character (U+0000 to U+001F, U+007F) in the value, or -1:
     * HTTP cannot carry one in a path, an authority, a method, a header or a query parameter, so
     * Envoy never matches it. A horizontal tab is allowed where HTTP allows it (header values).
     */
    public static int firstControlCharacter(String value, boolean tabAllowed) {
        for (int i = 0; value != null && i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c == 0x7f) && !(c == '\t' && tabAllowed)) {
                return i;
            }
        }
        return -1;
    }

    /** A cookie name: an HTTP token (RFC 6265 {@code cookie-name}), case-sensitive. */
    public static boolean isCookieName(String value) {
        return isToken(value);
    }

    /**
     * The plain subset name for a version label value: lowercased, characters a DNS label cannot
     * hold turned into dashes. Versions such as {@code v1} keep their name. Distinct versions can
     * share it ({@code V2}/{@code v2}, {@code v1.0}/{@code v1-0}): {@link SubsetNames} resolves that.
     */
    public static String subsetName(String version) {
        String name = version.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "version" : name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }
}
