package dev.trafficwizard.gitops;

import java.util.Collection;
import java.util.regex.Pattern;

/** Keeps credentials out of what is logged, answered or thrown: {@code https://user:pass@host} → {@code https://***@host}. */
final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private Redaction() {
    }

    static String url(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
    }

    /** The text with URLs redacted and every secret value (longer than 2 characters) replaced by ***. */
    static String text(String text, Collection<String> secrets) {
        String out = url(text);
        if (out == null) {
            return null;
        }
        for (String secret : secrets) {
            if (secret != null && secret.length() > 2) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }
}
