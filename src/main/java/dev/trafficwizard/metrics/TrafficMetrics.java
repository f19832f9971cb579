package dev.trafficwizard.metrics;

import dev.trafficwizard.rollout.VersionFigures;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Per-version request figures of services: Prometheus when
 * {@code traffic-wizard.metrics.prometheus.url} is set, the demo's simulated traffic on the demo
 * cluster, otherwise none ({@link #available()} false).
 */
public interface TrafficMetrics {

    /** Whether figures can be had at all. */
    boolean available();

    /** Where the figures come from, for the pages ("Prometheus at http://…", "Simulated demo traffic"). */
    String source();

    /**
     * The figures of each version of each service over the window ending now; versions without data
     * are absent. Throws {@link MetricsUnavailableException} when the source cannot answer.
     */
    Map<ServiceRef, Map<String, VersionFigures>> figures(Collection<ServiceRef> services, Duration window);

    /** The figures of one service's versions. */
    default Map<String, VersionFigures> figures(String namespace, String name, Duration window) {
        ServiceRef ref = new ServiceRef(namespace, name);
        return figures(java.util.List.of(ref), window).getOrDefault(ref, Map.of());
    }
}
