package dev.trafficwizard.release;

import dev.trafficwizard.metrics.MetricsUnavailableException;
import dev.trafficwizard.metrics.ServiceRef;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.rollout.VersionFigures;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the rollout tests drive: a clock moved by hand (no sleeping) and metrics whose canary
 * figures the test sets (a failing canary for the gates).
 */
@TestConfiguration(proxyBeanMethods = false)
public class RolloutTestSupport {

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock(Instant.parse("2026-12-03T06:00:00Z"));
    }

    @Bean
    @Primary
    SetMetrics setMetrics() {
        return new SetMetrics();
    }

    /** A clock that stands still until moved. */
    public static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Figures a test sets per version ("v2" → figures); {@code failing} makes the source unreachable. */
    public static final class SetMetrics implements TrafficMetrics {
        public final Map<String, VersionFigures> figures = new ConcurrentHashMap<>();
        public volatile boolean failing;

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String source() {
            return "Test figures";
        }

        @Override
        public Map<ServiceRef, Map<String, VersionFigures>> figures(Collection<ServiceRef> services, Duration window) {
            if (failing) {
                throw new MetricsUnavailableException("test source down");
            }
            Map<ServiceRef, Map<String, VersionFigures>> out = new HashMap<>();
            services.forEach(s -> out.put(s, Map.copyOf(figures)));
            return out;
        }
    }
}
