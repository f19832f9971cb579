package dev.trafficwizard.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready only while every informer cache has synced and is watching (readiness group). */
@Component("clusterCacheHealthIndicator")
class ClusterCacheHealth implements HealthIndicator {

    private final ClusterCache cache;

    ClusterCacheHealth(ClusterCache cache) {
        this.cache = cache;
    }

    @Override
    public Health health() {
        var states = cache.informerStates();
        boolean ready = states.values().stream().allMatch(Boolean::booleanValue);
        return (ready ? Health.up() : Health.outOfService()).withDetails(states).build();
    }
}
