package dev.trafficwizard.catalog;

import java.util.List;

/**
 * One version of a service: the deployments carrying that version label value, their ready and
 * desired pods, the share of traffic plain Kubernetes round robin gives it (null when routing
 * decides instead, or when there is only one version), and the share the managed routing's
 * default rule gives it (null without managed routing).
 */
public record VersionSummary(String version, List<String> deployments, int ready, int desired, Integer implicitShare,
                             Integer routedShare) {

    public VersionSummary {
        deployments = List.copyOf(deployments);
    }

    /** Ready of desired pods, e.g. {@code 2/3}. */
    public String pods() {
        return ready + "/" + desired;
    }
}
