package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12, finding 5, and its review (items 1 and 2): the back-off itself, with a clock the test
 * moves. An attempt is counted when it is let through ({@link LoginThrottle#tryAcquire}); a failure
 * needs nothing more.
 */
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

    /** A failed attempt: let through (asserted) and not taken back. */
    void fail(String user, String address) {
        assertThat(throttle.tryAcquire(user, address)).as("let through").isZero();
    }

    @Test
    void fiveFreeFailuresOfAPairThenExponentialBackOffOnlyForThatPair() {
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR; i++) {
            fail("alice", "10.0.0.1");
        }
        fail("Alice", "10.0.0.1"); // the sixth is let through; user names count case-insensitively
        assertThat(throttle.retryAfterSeconds("alice", "10.0.0.1")).isEqualTo(1);
        assertThat(throttle.tryAcquire("alice", "10.0.0.1")).as("blocked: not counted").isEqualTo(1);
        long previous = 0;
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(throttle.retryAfterSeconds("alice", "10.0.0.1")));
            fail("alice", "10.0.0.1");
            long wait = throttle.retryAfterSeconds("alice", "10.0.0.1");
            assertThat(wait).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(300);
            previous = wait;
        }
        assertThat(previous).as("capped at the address cap").isEqualTo(300);
        assertThat(throttle.tryAcquire("alice", "10.0.0.2")).as("alice elsewhere is not blocked").isZero();
        assertThat(throttle.tryAcquire("bob", "10.0.0.1")).as("another user from there neither").isZero();
    }

    @Test
    void oneWrongPasswordAMinuteNeverLocksTheUserOutElsewhere() {
        for (int i = 0; i < 200; i++) {
            throttle.tryAcquire("pipeline", "198.51.100.66");
            clock.advance(Duration.ofMinutes(1));
            assertThat(throttle.tryAcquire("pipeline", "10.1.1.1")).as("minute " + i).isZero();
            throttle.succeeded("pipeline", "10.1.1.1");
        }
    }

    @Test
    void aUserNameGuessedFromManyAddressesIsThrottledAfterAHundredCappedAtTheUserCap() {
        for (int i = 0; i < LoginThrottle.FREE_PER_USER + 1; i++) {
            fail("carol", "10.2." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.retryAfterSeconds("carol", "10.9.9.9")).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(throttle.retryAfterSeconds("carol", "10.9.9.9")));
            fail("carol", "10.3.0." + i);
        }
        assertThat(throttle.retryAfterSeconds("carol", "10.9.9.9")).as("capped at the user cap").isEqualTo(60);
        clock.advance(Duration.ofSeconds(LoginThrottle.WINDOW_SECONDS + 1));
        assertThat(throttle.retryAfterSeconds("carol", "10.9.9.9")).as("a new window").isZero();
    }

    @Test
    void anAddressSprayingNamesIsThrottledAfterTwentyUpTo300s() {
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(throttle.retryAfterSeconds(null, "192.0.2.7")));
            fail("user" + i, "192.0.2.7");
        }
        assertThat(throttle.retryAfterSeconds("fresh-user", "192.0.2.7")).isEqualTo(300);
        assertThat(throttle.retryAfterSeconds("fresh-user", "192.0.2.8")).isZero();
    }

    @Test
    void anUnknownAddressIsCountedByUserNameOnly() {
        for (int i = 0; i < 40; i++) {
            fail("user" + i, null);
        }
        assertThat(throttle.retryAfterSeconds("someone-else", null)).isZero();
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR + 1; i++) {
            fail("dave", null);
        }
        assertThat(throttle.retryAfterSeconds("dave", null)).isPositive();
    }

    @Test
    void successClearsOnlyThePairAndTakesOneAttemptBackFromTheAddress() {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            fail("guess" + i, "198.51.100.1");
        }
        // an insider logs into their own account between guesses: the address count stays
        assertThat(throttle.tryAcquire("insider", "198.51.100.1")).isZero();
        throttle.succeeded("insider", "198.51.100.1");
        fail("guess-next", "198.51.100.1");
        assertThat(throttle.retryAfterSeconds("anyone", "198.51.100.1")).as("21st failure of the address").isPositive();

        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR + 1; i++) {
            fail("bob", "203.0.113.1");
        }
        clock.advance(Duration.ofSeconds(throttle.retryAfterSeconds("bob", "203.0.113.1")));
        assertThat(throttle.tryAcquire("bob", "203.0.113.1")).isZero();
        throttle.succeeded("bob", "203.0.113.1");
        assertThat(throttle.retryAfterSeconds("bob", "203.0.113.1")).isZero();
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR; i++) {
            fail("bob", "203.0.113.1");
        }
        assertThat(throttle.retryAfterSeconds("bob", "203.0.113.1")).as("the pair starts over").isZero();
    }

    @Test
    void releaseTakesTheAttemptBackAndOldFailuresAreForgotten() {
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.tryAcquire("erin", "203.0.113.2")).isZero();
            throttle.release("erin", "203.0.113.2");
        }
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR; i++) {
            fail("frank", "203.0.113.3");
        }
        clock.advance(Duration.ofSeconds(LoginThrottle.WINDOW_SECONDS + 1));
        fail("frank", "203.0.113.3");
        assertThat(throttle.retryAfterSeconds("frank", "203.0.113.3")).as("count restarted at 1").isZero();
    }

    @Test
    void parallelAttemptsWhenABlockEndsPassOneAtATime() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR + 1; i++) {
            fail("grace", "203.0.113.4");
        }
        clock.advance(Duration.ofSeconds(throttle.retryAfterSeconds("grace", "203.0.113.4")));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> waits = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Callable<Long> attempt = () -> {
                    start.await();
                    return throttle.tryAcquire("grace", "203.0.113.4");
                };
                waits.add(pool.submit(attempt));
            }
            start.countDown();
            int through = 0;
            for (Future<Long> wait : waits) {
                through += wait.get() == 0 ? 1 : 0;
            }
            assertThat(through).as("one attempt when the block ends, not all").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
