package dev.trafficwizard.istio;

import java.util.Locale;

/** Host names as Istio and Envoy compare them: short names, wildcards and how specific a match is. */
final class Hosts {

    static final int NO_MATCH = -1;
    private static final String SUFFIX = ".svc.cluster.local";

    private Hosts() {
    }

    /**
     * A host written in {@code namespace} as a FQDN, the way the simulator compares mesh hosts:
     * {@code reviews} becomes {@code reviews.<namespace>.svc.cluster.local}, {@code reviews.bookinfo}
     * becomes {@code reviews.bookinfo.svc.cluster.local}, {@code x.svc} gets {@code .cluster.local}.
     * {@code *} and longer names stay as written.
     */
    static String meshFqdn(String host, String namespace) {
        String h = lower(host);
        if (h.isEmpty() || h.equals("*")) {
            return h;
        }
        long dots = h.chars().filter(c -> c == '.').count();
        if (dots == 0) {
            return h + "." + namespace + SUFFIX;
        }
        if (dots == 1) {
            return h + SUFFIX;
        }
        return h.endsWith(".svc") ? h + ".cluster.local" : h;
    }

    /** Istio's own rule, used for gateway traffic: only names without a dot are short names. */
    static String istioFqdn(String host, String namespace) {
        String h = lower(host);
        return h.isEmpty() || h.equals("*") || h.contains(".") ? h : h + "." + namespace + SUFFIX;
    }

    /** A gateway server host without its {@code namespace/} prefix. */
    static String withoutNamespace(String serverHost) {
        String h = lower(serverHost);
        return h.substring(h.indexOf('/') + 1);
    }

    /**
     * How specifically {@code pattern} covers the concrete {@code host}, as Envoy picks virtual
     * hosts: exact beats the longest wildcard suffix, {@code *} comes last; {@link #NO_MATCH} if not
     * at all. {@code *.example.com} covers subdomains at any depth, not {@code example.com} itself.
     */
    static int specificity(String pattern, String host) {
        String p = lower(pattern);
        String h = lower(host);
        if (p.isEmpty() || h.isEmpty()) {
            return NO_MATCH;
        }
        if (p.equals(h)) {
            return Integer.MAX_VALUE;
        }
        if (p.startsWith("*")) {
            String suffix = p.substring(1);
            return h.endsWith(suffix) && h.length() > suffix.length() ? suffix.length() + 1 : NO_MATCH;
        }
        return NO_MATCH;
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
