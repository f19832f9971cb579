package dev.trafficwizard.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.rollout.VersionFigures;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per-version figures from Prometheus, read from Istio's standard metrics ({@code istio_requests_total},
 * {@code istio_request_duration_milliseconds_bucket}). One query per figure covers all asked
 * services; answers are kept a few seconds ({@code cache-ttl}) per service and window, so a list
 * page and the service page opened after it cost Prometheus one round of queries.
 */
public class PrometheusMetrics implements TrafficMetrics {

    /** The sparkline: this many points, one per step, the last one now. */
    static final int SERIES_POINTS = 30;
    static final Duration SERIES_STEP = Duration.ofMinutes(1);

    private final PrometheusApi api;
    private final String reporter;
    private final Clock clock;
    private final Cache<Key, Map<String, VersionFigures>> cache;

    private record Key(ServiceRef service, Duration window) {
    }

    public PrometheusMetrics(MetricsProperties.Prometheus properties) {
        this(properties, Clock.systemUTC());
    }

    PrometheusMetrics(MetricsProperties.Prometheus properties, Clock clock) {
        this.api = new PrometheusApi(properties.url(), properties.timeout());
        this.reporter = properties.reporter();
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(10_000).build();
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String source() {
        return "Prometheus at " + api.shown();
    }

    @Override
    public Map<ServiceRef, Map<String, VersionFigures>> figures(Collection<ServiceRef> services, Duration window) {
        PromQl.duration(window); // a window PromQL cannot write is the caller's mistake, not Prometheus's
        Set<ServiceRef> asked = new LinkedHashSet<>(services);
        Map<ServiceRef, Map<String, VersionFigures>> out = new LinkedHashMap<>();
        List<ServiceRef> missing = asked.stream()
                .filter(s -> cache.getIfPresent(new Key(s, window)) == null).toList();
        Map<ServiceRef, Map<String, VersionFigures>> fetched = missing.isEmpty() ? Map.of() : query(missing, window);
        fetched.forEach((s, figures) -> cache.put(new Key(s, window), figures));
        for (ServiceRef s : asked) {
            Map<String, VersionFigures> figures = fetched.get(s);
            out.put(s, figures != null ? figures : cache.asMap().getOrDefault(new Key(s, window), Map.of()));
        }
        return out;
    }

    private Map<ServiceRef, Map<String, VersionFigures>> query(List<ServiceRef> services, Duration window) {
        PromQl q = new PromQl(services, reporter);
        double now = clock.millis() / 1000.0;
        long end = (long) Math.floor(now);
        long step = SERIES_STEP.toSeconds();
        long start = end - (SERIES_POINTS - 1) * step;
        CompletableFuture<String> requests = api.query(q.requests(window), now);
        CompletableFuture<String> rates = api.query(q.requestsPerSecond(window), now);
        CompletableFuture<String> success = api.query(q.successRate(window), now);
        CompletableFuture<String> p99 = api.query(q.p99(window), now);
        CompletableFuture<String> series = api.queryRange(q.rateSeries(SERIES_STEP), start, end, step);
        Map<PromAnswers.Series, Double> requestsBy = PromAnswers.vector(api.answer(requests));
        Map<PromAnswers.Series, Double> ratesBy = PromAnswers.vector(api.answer(rates));
        Map<PromAnswers.Series, Double> successBy = PromAnswers.vector(api.answer(success));
        Map<PromAnswers.Series, Double> p99By = PromAnswers.vector(api.answer(p99));
        Map<PromAnswers.Series, List<Double>> seriesBy = PromAnswers.matrix(api.answer(series), start, step,
                SERIES_POINTS);

        Map<String, ServiceRef> byFqdn = services.stream().collect(Collectors.toMap(
                s -> Hosts.serviceFqdn(s.name(), s.namespace()), Function.identity(), (a, b) -> a));
        Map<ServiceRef, Set<String>> versions = new LinkedHashMap<>();
        services.forEach(s -> versions.put(s, new TreeSet<>()));
        for (Map<PromAnswers.Series, ?> answer : List.of(requestsBy, ratesBy, successBy, p99By, seriesBy)) {
            answer.keySet().forEach(k -> {
                ServiceRef s = byFqdn.get(k.service());
                if (s != null) {
                    versions.get(s).add(k.version());
                }
            });
        }
        Map<ServiceRef, Map<String, VersionFigures>> out = new LinkedHashMap<>();
        versions.forEach((s, names) -> {
            String fqdn = Hosts.serviceFqdn(s.name(), s.namespace());
            Map<String, VersionFigures> figures = new LinkedHashMap<>();
            for (String v : names) {
                PromAnswers.Series k = new PromAnswers.Series(fqdn, v);
                Double n = requestsBy.get(k);
                Double rate = ratesBy.get(k);
                figures.put(v, new VersionFigures(v, n == null ? 0 : Math.round(n), rate == null ? 0 : rate,
                        successBy.get(k), p99By.get(k), seriesBy.getOrDefault(k, List.of())));
            }
            out.put(s, java.util.Collections.unmodifiableMap(figures));
        });
        return out;
    }
}
