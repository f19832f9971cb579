package dev.trafficwizard.routing;

import java.util.regex.Pattern;

/** Kubernetes and DNS name rules the plan's fields must follow. */
public final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern HOST = Pattern.compile(
            "(\\*|(\\*\\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*)");

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

    /**
     * The subset name for a version label value: lowercased, characters a DNS label cannot hold
     * turned into dashes. Versions such as {@code v1} keep their name.
     */
    public static String subsetName(String version) {
        String name = version.toLowerCase().replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "version" : name.length() > 63 ? name.substring(0, 63) : name;
    }
}
