package dev.trafficwizard.routing;

import java.util.List;
import java.util.Optional;

/**
 * What the routing domain needs to know of a service in the cluster: where it is, which label
 * names its versions, and the versions with their pods.
 */
public record TargetService(String namespace, String name, String versionLabel, List<ServiceVersion> versions) {

    public TargetService {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** The fully qualified host name, preferred for destinations. */
    public String fqdn() {
        return Hosts.serviceFqdn(name, namespace);
    }

    public Optional<ServiceVersion> version(String value) {
        return versions.stream().filter(v -> v.version().equals(value)).findFirst();
    }

    public record ServiceVersion(String version, int readyPods, int desiredPods) {
    }
}
