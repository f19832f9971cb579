package dev.trafficwizard.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsConfigurationTest {

    private static MetricsProperties properties(String url) {
        return new MetricsProperties(new MetricsProperties.Prometheus(url, null, null, null), null);
    }

    @Test
    void aPrometheusUrlWinsEvenOnTheDemoCluster() {
        TrafficMetrics metrics = MetricsConfiguration.choose(properties("http://prometheus:9090"), true, () -> null);
        assertThat(metrics).isInstanceOf(PrometheusMetrics.class);
        assertThat(metrics.source()).isEqualTo("Prometheus at http://prometheus:9090");
    }

    @Test
    void theDemoClusterWithoutPrometheusGetsSimulatedTraffic() {
        TrafficMetrics metrics = MetricsConfiguration.choose(properties(" "), true, () -> null);
        assertThat(metrics).isInstanceOf(DemoTraffic.class);
        assertThat(metrics.source()).isEqualTo("Simulated demo traffic");
    }

    @Test
    void otherwiseThereAreNoFigures() {
        TrafficMetrics metrics = MetricsConfiguration.choose(properties(null), false, () -> null);
        assertThat(metrics.available()).isFalse();
        assertThat(metrics.figures(List.of(new ServiceRef("a", "b")), Duration.ofMinutes(1)))
                .containsExactly(java.util.Map.entry(new ServiceRef("a", "b"), java.util.Map.of()));
    }

    @Test
    void defaults() {
        MetricsProperties defaults = new MetricsProperties(null, null);
        assertThat(defaults.prometheus().configured()).isFalse();
        assertThat(defaults.prometheus().reporter()).isEqualTo("destination");
        assertThat(defaults.prometheus().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.prometheus().cacheTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.demo().requestsPerSecond()).isEqualTo(20.0);
        assertThat(defaults.demo().failing()).isEmpty();
    }
}
