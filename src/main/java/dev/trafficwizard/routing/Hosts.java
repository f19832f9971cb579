package dev.trafficwizard.routing;

import java.util.Locale;
import java.util.Objects;

/**
 * Host names as Istio reads them, in one place: how a host written in a routing object resolves
 * (istiod's {@code ResolveShortnameToFQDN}), which name a client inside the mesh reaches by DNS,
 * how wildcard hosts cover and overlap each other ({@code host.Name.Matches / SubsetOf}), how
 * specifically a pattern matches a request's host (Envoy's virtual host choice), and which
 * VirtualService hosts a Gateway server admits ({@code ns/host}). Every comparison is
 * case-insensitive, as DNS and Envoy's domain matching are, and ignores a rooted name's trailing dot.
 */
public final class Hosts {

    /** The cluster's DNS domain. */
    public static final String DOMAIN = "cluster.local";
    /** Returned by {@link #specificity} when a pattern does not match at all. */
    public static final int NO_MATCH = -1;

    private Hosts() {
    }

    /** The FQDN of a Kubernetes Service: {@code <name>.<namespace>.svc.cluster.local}. */
    public static String serviceFqdn(String name, String namespace) {
        return lower(name) + "." + lower(namespace) + ".svc." + DOMAIN;
    }

    /**
     * A host written in a VirtualService, DestinationRule or destination of {@code namespace}, as
     * istiod resolves it: only a name without a dot is short and gets
     * {@code .<namespace>.svc.cluster.local}; {@code *}, wildcards and every name with a dot stay as
     * written ({@code reviews.bookinfo} is NOT the service {@code reviews.bookinfo.svc.cluster.local}).
     */
    public static String resolve(String host, String namespace) {
        String h = lower(host);
        if (h.isEmpty() || h.equals("*") || h.contains(".") || h.contains(":")) {
            return h;
        }
        return h + "." + lower(namespace) + ".svc." + DOMAIN;
    }

    /**
     * The service a client inside the mesh reaches when it calls {@code host} from {@code namespace}:
     * the pod's DNS search path turns {@code reviews} into {@code reviews.<namespace>.svc.cluster.local},
     * {@code reviews.bookinfo} into {@code reviews.bookinfo.svc.cluster.local} and
     * {@code reviews.bookinfo.svc} into {@code reviews.bookinfo.svc.cluster.local}. For requests, not
     * for hosts written in routing objects (see {@link #resolve}).
     */
    public static String dnsName(String host, String namespace) {
        String h = lower(host);
        if (h.isEmpty() || h.startsWith("*")) {
            return h;
        }
        long dots = h.chars().filter(c -> c == '.').count();
        if (dots == 0) {
            return h + "." + lower(namespace) + ".svc." + DOMAIN;
        }
        if (dots == 1) {
            return h + ".svc." + DOMAIN;
        }
        return h.endsWith(".svc") ? h + "." + DOMAIN : h;
    }

    /**
     * How specifically {@code pattern} matches the concrete {@code host}, as Envoy picks a virtual
     * host: an exact name beats the longest wildcard suffix, {@code *} comes last; {@link #NO_MATCH}
     * if it does not match. {@code *.example.com} matches subdomains at any depth, not
     * {@code example.com} itself.
     */
    public static int specificity(String pattern, String host) {
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

    /** Whether {@code pattern} covers every name {@code host} stands for (Istio's {@code SubsetOf}). */
    public static boolean covers(String pattern, String host) {
        String p = lower(pattern);
        String h = lower(host);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (p.equals(h) || p.equals("*")) {
            return true;
        }
        if (!p.startsWith("*")) {
            return false;
        }
        String suffix = p.substring(1);
        if (h.startsWith("*")) {
            return h.substring(1).endsWith(suffix);
        }
        return h.endsWith(suffix) && h.length() > suffix.length();
    }

    /** Whether two hosts share a name (Istio's {@code Matches}): one covers the other. */
    public static boolean overlap(String a, String b) {
        return covers(a, b) || covers(b, a);
    }

    /** A Gateway server host without its {@code namespace/} part, as written ({@code ./Example.com} is {@code Example.com}). */
    public static String hostPart(String serverHost) {
        int slash = serverHost.indexOf('/');
        return slash < 0 ? serverHost : serverHost.substring(slash + 1);
    }

    /** A Gateway server host without its {@code namespace/} part, as compared. */
    public static String withoutNamespace(String serverHost) {
        return comparable(hostPart(comparable(serverHost)));
    }

    /**
     * Whether a Gateway server host (optionally {@code ns/host}, {@code ./host}, {@code * /host})
     * admits a VirtualService of {@code vsNamespace} listing {@code vsHost} (resolved). The host part
     * must overlap: {@code *.example.com} admits {@code a.example.com} and also {@code *}, for which
     * Istio narrows the VirtualService to the server's hosts.
     */
    public static boolean admits(String serverHost, String gatewayNamespace, String vsHost, String vsNamespace) {
        return namespaceAllows(serverHost, gatewayNamespace, vsNamespace)
                && overlap(withoutNamespace(serverHost), vsHost);
    }

    /**
     * Whether a Gateway server host serves every name of {@code vsHost} listed by a VirtualService
     * of {@code vsNamespace}: its namespace part allows that namespace and its host part covers the
     * host ({@code *.example.com} serves {@code a.example.com} and narrower wildcards, not {@code *}).
     */
    public static boolean serves(String serverHost, String gatewayNamespace, String vsHost, String vsNamespace) {
        return namespaceAllows(serverHost, gatewayNamespace, vsNamespace)
                && covers(withoutNamespace(serverHost), vsHost);
    }

    /** A server host's {@code namespace/} part: none or {@code *} any, {@code .} the Gateway's own, else that one. */
    private static boolean namespaceAllows(String serverHost, String gatewayNamespace, String vsNamespace) {
        String s = lower(serverHost);
        int slash = s.indexOf('/');
        if (slash < 0) {
            return true;
        }
        String allowed = s.substring(0, slash);
        String resolved = ".".equals(allowed) ? lower(gatewayNamespace) : allowed;
        return "*".equals(allowed) || Objects.equals(resolved, lower(vsNamespace));
    }

    /**
     * A host as compared: trimmed, lowercased, without the trailing dot of a rooted name
     * ({@code Example.COM.} is {@code example.com}).
     */
    public static String comparable(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        return h.length() > 1 && h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static String lower(String s) {
        return comparable(s);
    }
}
