package dev.trafficwizard.routing;

/** How Istio resolves a short host name written in a namespace to a service FQDN. */
public final class ServiceHosts {

    private static final String SUFFIX = ".svc.cluster.local";

    private ServiceHosts() {
    }

    public static String fqdn(String host, String namespace) {
        if (host == null || host.isEmpty()) {
            return "";
        }
        long dots = host.chars().filter(c -> c == '.').count();
        if (dots == 0) {
            return host + "." + namespace + SUFFIX;
        }
        if (dots == 1) {
            return host + SUFFIX;
        }
        return host.endsWith(".svc") ? host + ".cluster.local" : host;
    }
}
