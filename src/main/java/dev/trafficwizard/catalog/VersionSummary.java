package dev.trafficwizard.catalog;

import java.util.List;

/**
 * One version of a service: the deployments carrying that version label value, their ready and
 * desired pods, and the share of traffic plain Kubernetes round robin gives it (null when routing
 * decides instead, or when there is only one version).
 */
public record VersionSummary(String version, List<String> deployments, int ready, int desired, Integer implicitShare) {

    public VersionSummary {
        deployments = List.copyOf(deployments);
    }
}
