package dev.trafficwizard.metrics;

import dev.trafficwizard.rollout.VersionFigures;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** No metrics source: no Prometheus configured and not the demo cluster. Every service has no figures. */
public class NoMetrics implements TrafficMetrics {

    public static final String SOURCE = "No metrics source (set traffic-wizard.metrics.prometheus.url)";

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Map<ServiceRef, Map<String, VersionFigures>> figures(Collection<ServiceRef> services, Duration window) {
        Map<ServiceRef, Map<String, VersionFigures>> out = new LinkedHashMap<>();
        services.forEach(s -> out.put(s, Map.of()));
        return out;
    }
}
