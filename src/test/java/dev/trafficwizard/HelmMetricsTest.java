package dev.trafficwizard;

import dev.trafficwizard.metrics.MetricsProperties;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.trafficwizard.HelmChartTest.get;
import static dev.trafficwizard.HelmChartTest.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart's Prometheus settings (metrics.prometheus.*) reach the application's properties. */
class HelmMetricsTest {

    @Test
    void noPrometheusByDefault() {
        HelmChartTest.Rendered out = render(Map.of());
        assertThat(out.applicationYaml()).doesNotContain("prometheus:");
        assertThat(out.binder().bindOrCreate("traffic-wizard.metrics", MetricsProperties.class).prometheus().configured())
                .isFalse();
    }

    @Test
    void theUrlAndReporterBecomeTheProperties() {
        HelmChartTest.Rendered out = render(Map.of("metrics.prometheus.url", "http://prometheus.istio-system:9090",
                "metrics.prometheus.reporter", "waypoint"));
        MetricsProperties.Prometheus prometheus = out.binder()
                .bind("traffic-wizard.metrics", MetricsProperties.class).get().prometheus();
        assertThat(prometheus.url()).isEqualTo("http://prometheus.istio-system:9090");
        assertThat(prometheus.reporter()).isEqualTo("waypoint");
    }

    @Test
    void aUrlWithCredentialsComesOnlyFromTheNamedSecret() {
        HelmChartTest.Rendered out = render(Map.of("metrics.prometheus.existingSecret", "prometheus-access"));
        assertThat(get(out.env("TRAFFIC_WIZARD_METRICS_PROMETHEUS_URL"), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "prometheus-access", "key", "url"));
        assertThat(out.applicationYaml()).contains("reporter: \"destination\"").doesNotContain("url:");
        assertThat(out.ofKind("Secret")).isEmpty();

        assertThatThrownBy(() -> render(Map.of("metrics.prometheus.url", "https://ann:secret@prometheus:9090")))
                .hasMessageContaining("metrics.prometheus.url must be an http(s) URL without credentials");
        assertThatThrownBy(() -> render(Map.of("metrics.prometheus.url", "http://p:9090",
                "metrics.prometheus.existingSecret", "s"))).hasMessageContaining("set url or existingSecret, not both");
    }
}
