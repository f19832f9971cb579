package dev.trafficwizard.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.rollout.VersionFigures;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated traffic for the embedded demo cluster, so a new user can watch figures follow the
 * routing and a rollout's gates pass or abort. Labelled as simulated everywhere it shows.
 *
 * <p>Every service receives {@code requests-per-second} (default 20), split over its versions by the
 * shares its routing (or plain round robin) gives them right now; the figures over a window are
 * that rate times the window. A healthy version answers 99.5 % of its requests without a 5xx with a
 * p99 of 80 ms; a version switched to failing ({@link #fail}, or listed in
 * {@code traffic-wizard.metrics.demo.failing}) answers 70 % (30 % 5xx) with a p99 of 900 ms.
 * Nothing is random: the same routing and knob give the same figures.
 */
public class DemoTraffic implements TrafficMetrics {

    public static final String SOURCE = "Simulated demo traffic";
    static final double HEALTHY_SUCCESS = 99.5;
    static final double HEALTHY_P99 = 80;
    static final double FAILING_SUCCESS = 70;
    static final double FAILING_P99 = 900;

    private final Catalog catalog;
    private final double requestsPerSecond;
    private final Clock clock;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Cache<ServiceRef, RateRing> rings = Caffeine.newBuilder().maximumSize(2_000).build();

    public DemoTraffic(Catalog catalog, MetricsProperties.Demo properties) {
        this(catalog, properties, Clock.systemUTC());
    }

    DemoTraffic(Catalog catalog, MetricsProperties.Demo properties, Clock clock) {
        this.catalog = catalog;
        this.requestsPerSecond = properties.requestsPerSecond();
        this.clock = clock;
        for (String entry : properties.failing()) {
            String[] parts = entry.strip().split("/", -1);
            if (parts.length != 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("traffic-wizard.metrics.demo.failing: '" + entry
                        + "' is not namespace/service/version");
            }
            fail(parts[0], parts[1], parts[2], true);
        }
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    /** Makes a version answer about 30 % of its requests with a 5xx and slowly ({@code true}), or healthy again. */
    public void fail(String namespace, String service, String version, boolean fail) {
        if (fail) {
            failing.add(key(namespace, service, version));
        } else {
            failing.remove(key(namespace, service, version));
        }
    }

    /** Whether the version is switched to failing. */
    public boolean failing(String namespace, String service, String version) {
        return failing.contains(key(namespace, service, version));
    }

    @Override
    public Map<ServiceRef, Map<String, VersionFigures>> figures(Collection<ServiceRef> services, Duration window) {
        PromQl.duration(window);
        double seconds = window.toMillis() / 1000.0;
        long bucket = clock.millis() / PrometheusMetrics.SERIES_STEP.toMillis();
        Map<ServiceRef, Map<String, VersionFigures>> out = new LinkedHashMap<>();
        for (ServiceRef ref : services) {
            Map<String, Double> rates = rates(ref);
            RateRing ring = rings.get(ref, r -> new RateRing(PrometheusMetrics.SERIES_POINTS));
            ring.sample(bucket, rates);
            Map<String, VersionFigures> figures = new LinkedHashMap<>();
            rates.forEach((version, rate) -> figures.put(version, figures(ref, version, rate, seconds,
                    ring.series(version))));
            out.put(ref, java.util.Collections.unmodifiableMap(figures));
        }
        return out;
    }

    private VersionFigures figures(ServiceRef ref, String version, double rate, double seconds, List<Double> series) {
        long requests = Math.round(rate * seconds);
        boolean failing = failing(ref.namespace(), ref.name(), version);
        return new VersionFigures(version, requests, rate,
                requests == 0 ? null : failing ? FAILING_SUCCESS : HEALTHY_SUCCESS,
                requests == 0 ? null : failing ? FAILING_P99 : HEALTHY_P99, series);
    }

    /** Each version's requests per second: the service's rate split by the shares it gets now. */
    private Map<String, Double> rates(ServiceRef ref) {
        Map<String, Double> rates = new LinkedHashMap<>();
        catalog.service(ref.namespace(), ref.name()).ifPresent(detail -> {
            ServiceSummary summary = detail.summary();
            List<ServiceSummary.Share> split = summary.split();
            if (split.isEmpty() && summary.versions().size() == 1) {
                rates.put(summary.versions().get(0).version(), requestsPerSecond);
                return;
            }
            summary.versions().forEach(v -> rates.put(v.version(), 0.0));
            split.stream().filter(s -> rates.containsKey(s.version()))
                    .forEach(s -> rates.put(s.version(), requestsPerSecond * s.percent() / 100.0));
        });
        return rates;
    }

    private static String key(String namespace, String service, String version) {
        return namespace + "/" + service + "/" + version;
    }
}
