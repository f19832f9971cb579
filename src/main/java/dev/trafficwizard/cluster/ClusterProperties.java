package dev.trafficwizard.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach the cluster. {@code mode=auto} tries the in-cluster service account, then the
 * kubeconfig, then starts the embedded demo cluster.
 */
@ConfigurationProperties("traffic-wizard.cluster")
public record ClusterProperties(Mode mode, String kubeconfig, String context, int cacheSyncTimeoutSeconds,
                                int writeVisibleTimeoutMillis) {

    public enum Mode { AUTO, IN_CLUSTER, KUBECONFIG, DEMO }

    public ClusterProperties {
        mode = mode == null ? Mode.AUTO : mode;
        kubeconfig = kubeconfig == null || kubeconfig.isBlank() ? null : kubeconfig;
        context = context == null || context.isBlank() ? null : context;
        cacheSyncTimeoutSeconds = cacheSyncTimeoutSeconds <= 0 ? 60 : cacheSyncTimeoutSeconds;
        writeVisibleTimeoutMillis = writeVisibleTimeoutMillis <= 0 ? 5000 : writeVisibleTimeoutMillis;
    }
}
