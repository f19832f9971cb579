package dev.trafficwizard.gitops;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The repository's URL split from any credentials written into it ({@code https://user:pass@host/…}):
 * JGit only ever sees {@link #url()}, so no message of it can carry them.
 */
record RepositoryUrl(String url, String user, String password) {

    static RepositoryUrl parse(String raw) {
        String trimmed = raw.trim();
        if (!trimmed.matches("(?i)^(https?|ssh)://.*")) {
            return new RepositoryUrl(trimmed, null, null);
        }
        try {
            URI uri = URI.create(trimmed);
            String info = uri.getRawUserInfo();
            if (info == null) {
                return new RepositoryUrl(trimmed, null, null);
            }
            int colon = info.indexOf(':');
            String user = decode(colon < 0 ? info : info.substring(0, colon));
            String password = colon < 0 ? null : decode(info.substring(colon + 1));
            String without = trimmed.replaceFirst("(?i)^([a-z]+://)[^@/]*@", "$1");
            return new RepositoryUrl(without, user, password);
        } catch (IllegalArgumentException e) {
            return new RepositoryUrl(Redaction.url(trimmed), null, null);
        }
    }

    /** As shown to users and in logs. */
    String shown() {
        return url;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return url;
    }
}
