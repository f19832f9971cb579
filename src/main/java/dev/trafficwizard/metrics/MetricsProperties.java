package dev.trafficwizard.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Where the per-version figures come from. {@code prometheus.url} set: that Prometheus; else, on
 * the embedded demo cluster, the simulated demo traffic; else none.
 *
 * @param prometheus the Prometheus server ({@code traffic-wizard.metrics.prometheus.*})
 * @param demo       the simulated demo traffic ({@code traffic-wizard.metrics.demo.*})
 */
@ConfigurationProperties("traffic-wizard.metrics")
public record MetricsProperties(Prometheus prometheus, Demo demo) {

    public MetricsProperties {
        prometheus = prometheus == null ? new Prometheus(null, null, null, null) : prometheus;
        demo = demo == null ? new Demo(null, null) : demo;
    }

    /**
     * @param url      the Prometheus base URL ({@code http://prometheus.istio-system:9090}, a path
     *                 prefix allowed; {@code user:password@} becomes HTTP Basic); empty: not used
     * @param reporter the {@code reporter} label the Istio series are read with: {@code destination}
     *                 for sidecars (the default), {@code waypoint} for ambient mode; blank: any
     * @param timeout  how long one query may take (default 5s)
     * @param cacheTtl how long an answer is reused (default 5s), so list pages do not hammer Prometheus
     */
    public record Prometheus(String url, String reporter, Duration timeout, Duration cacheTtl) {

        public Prometheus {
            url = url == null || url.isBlank() ? null : url.strip();
            reporter = reporter == null ? "destination" : reporter.strip();
            timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(5) : timeout;
            cacheTtl = cacheTtl == null || cacheTtl.isNegative() ? Duration.ofSeconds(5) : cacheTtl;
        }

        public boolean configured() {
            return url != null;
        }
    }

    /**
     * @param requestsPerSecond the simulated requests per second of each service (default 20)
     * @param failing           versions failing from the start, as {@code namespace/service/version}
     */
    public record Demo(Double requestsPerSecond, List<String> failing) {

        public Demo {
            requestsPerSecond = requestsPerSecond == null || requestsPerSecond < 0 ? 20.0 : requestsPerSecond;
            failing = failing == null ? List.of() : List.copyOf(failing);
        }
    }
}
