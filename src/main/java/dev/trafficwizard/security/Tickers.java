package dev.trafficwizard.security;

import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** Caffeine's time from a {@link Clock}, so tests can move the clock the caches expire by. */
final class Tickers {

    private Tickers() {
    }

    static Ticker of(Clock clock) {
        return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }
}
