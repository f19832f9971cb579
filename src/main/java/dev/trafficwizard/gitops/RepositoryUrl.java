package dev.trafficwizard.gitops;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The repository's URL split from any credentials written into it ({@code https://user:pass@host/…}):
 * JGit only ever sees {@link #url()}, so no message of it can carry them.
 */
record RepositoryUrl(String url, String user, String password) {

    /**
     * #18 fix: the user-info is split at the LAST '@' of the authority (a password may hold an unescaped
     * '@'), without URI parsing that fails on such URLs; a raw URL with credentials is never kept.
     * Over http(s) a user-info without ':' is a token ({@code https://TOKEN@github.com/...}): it is sent as
     * the password and redacted like one.
     */
    static RepositoryUrl parse(String raw) {
        String trimmed = raw.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^((?:https?|ssh)://)(.*)$").matcher(trimmed);
        if (!m.matches()) {
            return new RepositoryUrl(trimmed, null, null);
        }
        String scheme = m.group(1);
        String rest = m.group(2);
        int slash = firstOf(rest, "/?#");
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return new RepositoryUrl(trimmed, null, null);
        }
        String info = authority.substring(0, at);
        String without = scheme + authority.substring(at + 1) + tail;
        int colon = info.indexOf(':');
        if (colon < 0) {
            boolean http = scheme.toLowerCase(java.util.Locale.ROOT).startsWith("http");
            return http ? new RepositoryUrl(without, null, decode(info)) : new RepositoryUrl(without, decode(info), null);
        }
        return new RepositoryUrl(without, decode(info.substring(0, colon)), decode(info.substring(colon + 1)));
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** As shown to users and in logs. */
    String shown() {
        return url;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public String toString() {
        return url;
    }
}
