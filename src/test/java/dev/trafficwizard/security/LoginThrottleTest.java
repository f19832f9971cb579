package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #12, finding 5: the back-off itself, with a clock the test moves. */
class LoginThrottleTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    MovableClock clock = new MovableClock();
    LoginThrottle throttle = new LoginThrottle(60, 300, clock);

    @Test
    void fiveFreeFailuresThenExponentialBackOffCappedPerUser() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.retryAfterSeconds("alice", "10.0.0." + i)).isZero();
            throttle.failed("alice", "10.0.0." + i);
        }
        assertThat(throttle.retryAfterSeconds("alice", "10.9.9.9")).isZero();
        long previous = 0;
        for (int i = 0; i < 12; i++) {
            throttle.failed("Alice", "10.0.1." + i); // the user name counts case-insensitively
            long wait = throttle.retryAfterSeconds("alice", "10.9.9.9");
            assertThat(wait).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(60);
            previous = wait;
            clock.advance(Duration.ofSeconds(wait));
        }
        assertThat(previous).as("capped at the user cap").isEqualTo(60);
    }

    @Test
    void anAddressIsThrottledWhateverUserItTriesAndLonger() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("user" + i, "192.0.2.7");
            clock.advance(Duration.ofSeconds(throttle.retryAfterSeconds(null, "192.0.2.7")));
        }
        throttle.failed("someone", "192.0.2.7");
        assertThat(throttle.retryAfterSeconds("fresh-user", "192.0.2.7")).isEqualTo(300);
        assertThat(throttle.retryAfterSeconds("fresh-user", "192.0.2.8")).isZero();
    }

    @Test
    void loopbackIsNotThrottledAsOneClientOnlyByUserName() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("user" + i, "127.0.0.6");
            throttle.failed("user" + i, "::1");
        }
        assertThat(throttle.retryAfterSeconds("someone-else", "127.0.0.6")).isZero();
        for (int i = 0; i < 7; i++) {
            throttle.failed("dave", "127.0.0.1");
        }
        assertThat(throttle.retryAfterSeconds("dave", "127.0.0.1")).isPositive();
    }

    @Test
    void successClearsTheCountersAndOldFailuresAreForgotten() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("bob", "198.51.100.1");
        }
        assertThat(throttle.retryAfterSeconds("bob", "198.51.100.1")).isPositive();
        throttle.succeeded("bob", "198.51.100.1");
        assertThat(throttle.retryAfterSeconds("bob", "198.51.100.1")).isZero();
        for (int i = 0; i < 5; i++) {
            throttle.failed("carol", null);
        }
        clock.advance(Duration.ofSeconds(LoginThrottle.FORGET_AFTER_SECONDS + 1));
        throttle.failed("carol", null);
        assertThat(throttle.retryAfterSeconds("carol", null)).as("count restarted at 1").isZero();
    }
}
