package dev.trafficwizard.catalog;

import java.util.List;

/** A row of the services page. */
public record ServiceSummary(String namespace, String name, String versionLabel, List<VersionSummary> versions,
                             RoutingState routing) {

    public ServiceSummary {
        versions = List.copyOf(versions);
    }

    public int readyPods() {
        return versions.stream().mapToInt(VersionSummary::ready).sum();
    }

    public boolean hasImplicitSplit() {
        return versions.stream().anyMatch(v -> v.implicitShare() != null);
    }
}
