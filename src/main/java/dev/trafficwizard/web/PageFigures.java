package dev.trafficwizard.web;

import dev.trafficwizard.metrics.DemoTraffic;
import dev.trafficwizard.metrics.MetricsUnavailableException;
import dev.trafficwizard.metrics.ServiceRef;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.rollout.VersionFigures;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-version request figures the pages show beside the weights, asked for in one call per
 * page. No metrics source: nothing shown; a source that cannot answer: a quiet line saying why,
 * never an error page.
 */
@Component
class PageFigures {

    /** The window the pages' figures cover. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final String SIMULATED = "Simulated";

    private final ObjectProvider<TrafficMetrics> metrics;

    PageFigures(ObjectProvider<TrafficMetrics> metrics) {
        this.metrics = metrics;
    }

    /**
     * The figures of a page: {@code shown} false without a metrics source; {@code unavailable} the
     * reason when it could not answer; {@code simulated} for the demo's simulated traffic.
     */
    record Figures(boolean shown, String source, boolean simulated, String unavailable,
                   Map<ServiceRef, Map<String, FigureView>> byService) {

        static final Figures NONE = new Figures(false, null, false, null, Map.of());

        public Map<String, FigureView> of(String namespace, String name) {
            return byService.getOrDefault(new ServiceRef(namespace, name), Map.of());
        }
    }

    /**
     * On the demo's simulated traffic: whether each of the versions is switched to failing (the
     * page's "Simulate failures" control); null with any other source.
     */
    Map<String, Boolean> demoFailing(String namespace, String name, Collection<String> versions) {
        if (!(metrics.getIfAvailable() instanceof DemoTraffic demo)) {
            return null;
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        versions.forEach(v -> out.put(v, demo.failing(namespace, name, v)));
        return out;
    }

    /** Switches the demo's simulated failures of a version; false when the source is not the demo's. */
    boolean demoFail(String namespace, String name, String version, boolean fail) {
        if (!(metrics.getIfAvailable() instanceof DemoTraffic demo)) {
            return false;
        }
        demo.fail(namespace, name, version, fail);
        return true;
    }

    Figures of(Collection<ServiceRef> services) {
        TrafficMetrics source = metrics.getIfAvailable();
        if (source == null || !source.available() || services.isEmpty()) {
            return Figures.NONE;
        }
        String name = source.source();
        boolean simulated = name != null && name.startsWith(SIMULATED);
        try {
            Map<ServiceRef, Map<String, FigureView>> out = new LinkedHashMap<>();
            source.figures(services, WINDOW).forEach((service, versions) -> {
                Map<String, FigureView> views = new LinkedHashMap<>();
                for (VersionFigures f : versions.values()) {
                    views.put(f.version(), FigureView.of(f));
                }
                out.put(service, Map.copyOf(views));
            });
            return new Figures(true, name, simulated, null, out);
        } catch (MetricsUnavailableException e) {
            return new Figures(true, name, simulated, e.getMessage() == null ? "" : e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            // a source that fails in a way it did not foresee is still only a line on the page
            return new Figures(true, name, simulated, e.getClass().getSimpleName(), Map.of());
        }
    }
}
