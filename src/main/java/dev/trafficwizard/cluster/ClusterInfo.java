package dev.trafficwizard.cluster;

/** Which cluster the dashboard talks to, shown in every page header and logged at startup. */
public record ClusterInfo(ClusterProperties.Mode mode, String context, String server) {

    public boolean demo() {
        return mode == ClusterProperties.Mode.DEMO;
    }

    public String describe() {
        return switch (mode) {
            case DEMO -> "embedded demo cluster at " + server;
            case IN_CLUSTER -> "in-cluster service account, API server " + server;
            default -> "kubeconfig context '" + context + "', API server " + server;
        };
    }
}
