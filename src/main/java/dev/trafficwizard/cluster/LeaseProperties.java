package dev.trafficwizard.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * #17: the Lease through which one replica drives the rollouts ({@code traffic-wizard.rollouts.lease.*}):
 * its name (default {@code traffic-wizard-rollouts}), its namespace (default: the dashboard's own,
 * from the service account or the kubeconfig's context; else {@value #DEFAULT_NAMESPACE}), how long a
 * lease lasts without renewal (15s), the deadline to renew it (10s) and the retry period (2s).
 */
@ConfigurationProperties("traffic-wizard.rollouts.lease")
public record LeaseProperties(String name, String namespace, Duration duration, Duration renew, Duration retry) {

    public static final String DEFAULT_NAME = "traffic-wizard-rollouts";
    public static final String DEFAULT_NAMESPACE = "traffic-wizard";

    public LeaseProperties {
        name = name == null || name.isBlank() ? DEFAULT_NAME : name;
        namespace = namespace == null || namespace.isBlank() ? null : namespace;
        duration = duration == null ? Duration.ofSeconds(15) : duration;
        renew = renew == null ? Duration.ofSeconds(10) : renew;
        retry = retry == null ? Duration.ofSeconds(2) : retry;
    }
}
