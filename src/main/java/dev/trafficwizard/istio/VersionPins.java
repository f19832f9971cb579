package dev.trafficwizard.istio;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Keep each user on their version": one rule per version matching the version cookie, and the
 * weighted rule's destinations setting that cookie in the response. Consistent hashing alone
 * cannot do this, because Envoy picks the weighted destination before hashing (istio/istio#9764).
 * Public because the Gateway API translator writes the same cookie match and Set-Cookie value.
 */
public final class VersionPins {

    public static final String COOKIE_HEADER = "cookie";
    public static final String SET_COOKIE = "Set-Cookie";
    private static final Pattern PIN = Pattern.compile("\\^\\(\\.\\*\\?;\\\\s\\*\\)\\?(.+?)=(.+)\\(;\\.\\*\\)\\?\\$");

    private VersionPins() {
    }

    /** RE2 regex matching a Cookie header that holds {@code cookie=version}. */
    public static String cookieRegex(String cookie, String version) {
        return "^(.*?;\\s*)?" + escape(cookie) + "=" + escape(version) + "(;.*)?$";
    }

    public static String setCookie(String cookie, String version) {
        return cookie + "=" + version + "; Path=/";
    }

    /** The cookie name and version a pin regex was made from, when it is exactly one of ours. */
    public static Optional<String[]> parse(String regex) {
        Matcher m = PIN.matcher(regex);
        if (!m.matches()) {
            return Optional.empty();
        }
        String cookie = unescape(m.group(1));
        String version = unescape(m.group(2));
        return cookieRegex(cookie, version).equals(regex) ? Optional.of(new String[]{cookie, version})
                : Optional.empty();
    }

    private static String escape(String s) {
        return s.replaceAll("([\\\\.^$|?*+()\\[\\]{}])", "\\\\$1");
    }

    private static String unescape(String s) {
        return s.replaceAll("\\\\(.)", "$1");
    }
}
