package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Names;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The name rules of Istio's validation (its {@code labels} and {@code agent} packages), as facts:
 * DNS-1123 labels accept both cases; a wildcard may only lead the first label; the top-level
 * domain may not be all digits; a trailing dot is allowed; gateway hosts must be fully qualified.
 * Each method returns null when the name is valid, else the reason.
 */
final class IstioNames {

    private static final String LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    private static final Pattern WILDCARD_LABEL = Pattern.compile("(\\*|(\\*|\\*-)?" + LABEL + ")");
    private static final Pattern LABEL_KEY = Pattern.compile(
            "(" + LABEL + "(\\." + LABEL + ")*/)?((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])");
    private static final Pattern LABEL_VALUE = Pattern.compile("((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private IstioNames() {
    }

    static boolean isDnsLabel(String value) {
        return value != null && value.length() <= 63 && DNS_LABEL.matcher(value).matches();
    }

    static boolean isIp(String value) {
        return value != null && (Names.isIpv4(value) || value.contains(":") && value.matches("[0-9a-fA-F:.]+"));
    }

    /** A name whose first label may be a wildcard ({@code *}, {@code *.example.com}). */
    static String wildcardDomain(String domain) {
        String pre = preconditions(domain);
        if (pre != null) {
            return pre;
        }
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        if (first.length() > 63 || !WILDCARD_LABEL.matcher(first).matches()) {
            return "domain name \"" + domain + "\" has an invalid label \"" + first + "\"";
        }
        return dot < 0 ? null : labels(domain, domain.substring(dot + 1));
    }

    /** A name without wildcard, such as a bare gateway name. */
    static String fqdn(String domain) {
        String pre = preconditions(domain);
        return pre != null ? pre : labels(domain, domain);
    }

    private static String preconditions(String domain) {
        if (domain == null || domain.isEmpty()) {
            return "an empty domain name is not allowed";
        }
        return domain.length() > 255 ? "domain name \"" + domain + "\" is too long (at most 255)" : null;
    }

    private static String labels(String domain, String rest) {
        String[] parts = rest.split("\\.", -1);
        String tld = parts[parts.length - 1];
        if (!tld.isEmpty() && tld.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "domain name \"" + domain + "\" has an all-numeric top-level domain \"" + tld + "\"";
        }
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) {
                return null;
            }
            if (!isDnsLabel(parts[i])) {
                return "domain name \"" + domain + "\" has an invalid label \"" + parts[i] + "\"";
            }
        }
        return null;
    }

    /** A Gateway server host: {@code host} or {@code namespace/host}; no short names, no partial wildcards. */
    static String gatewayHost(String written) {
        String host = written;
        int slash = written.indexOf('/');
        if (slash >= 0) {
            String ns = written.substring(0, slash);
            host = written.substring(slash + 1);
            if (ns.isEmpty() || host.isEmpty()) {
                return "the namespace and the host of \"" + written + "\" cannot be empty";
            }
            if (!ns.equals("*") && !ns.equals(".") && !isDnsLabel(ns)) {
                return "invalid namespace \"" + ns + "\" in gateway host \"" + written + "\"";
            }
        }
        if (!host.equals("*") && !host.contains(".")) {
            return "short name \"" + host + "\" is not allowed: a gateway host must be fully qualified";
        }
        String domain = wildcardDomain(host);
        if (domain != null && !isIp(host)) {
            return domain;
        }
        if (host.contains("*") && host.length() != 1 && !host.startsWith("*.")) {
            return "partial wildcard \"" + host + "\" is not allowed";
        }
        return null;
    }

    /** Kubernetes label keys and values, as Istio checks subset labels. */
    static String labels(Map<String, String> labels) {
        if (labels == null) {
            return null;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            var key = LABEL_KEY.matcher(e.getKey() == null ? "" : e.getKey());
            if (!key.matches() || key.group(3).length() > 63
                    || key.group(1) != null && key.group(1).length() - 1 > 253) {
                return "invalid label key \"" + e.getKey() + "\"";
            }
            if (e.getValue() == null || !LABEL_VALUE.matcher(e.getValue()).matches()) {
                return "invalid label value \"" + e.getValue() + "\"";
            }
        }
        return null;
    }


    /** The header names Istio accepts in a match: a JWT claim, a pseudo-header, or an HTTP token. */
    static String headerName(String name) {
        if (name == null || name.isEmpty()) {
            return "a header name cannot be empty";
        }
        return Names.isJwtClaim(name) || Names.isPseudoHeader(name) || Names.isToken(name) ? null
                : "\"" + name + "\" is not a valid header name";
    }

    /** {@code namespace/name} (both DNS labels), or a bare name validated as a domain name ({@code mesh} is one). */
    static String gatewayName(String name) {
        if (name == null) {
            return "a gateway name cannot be empty";
        }
        int slash = name.indexOf('/');
        if (slash < 0) {
            return fqdn(name);
        }
        String ns = name.substring(0, slash);
        String gw = name.substring(slash + 1);
        if (ns.isEmpty() || gw.isEmpty()) {
            return "the namespace and the name of gateway \"" + name + "\" cannot be empty";
        }
        if (!isDnsLabel(ns)) {
            return "invalid namespace \"" + ns + "\" in gateway \"" + name + "\"";
        }
        return isDnsLabel(gw) ? null : "invalid gateway name \"" + gw + "\"";
    }
}
