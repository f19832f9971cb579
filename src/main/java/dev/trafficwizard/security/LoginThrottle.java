package dev.trafficwizard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password and token guessing. Failed logins are counted per user name and per client
 * address; after {@value #FREE_FAILURES} failures of a user name ({@value #FREE_FAILURES_PER_ADDRESS} of an
 * address) each further one blocks that key for 1, 2, 4 …
 * seconds, capped at {@code userCapSeconds} for a user name (so an attacker cannot lock a real user
 * out for long) and {@code addressCapSeconds} for an address. While blocked, nothing is checked
 * (no BCrypt, no TokenReview). A successful login clears its user's and address's counters.
 * Counters are forgotten {@value #FORGET_AFTER_SECONDS} s after the last failure; both maps are capped.
 */
final class LoginThrottle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoginThrottle.class);

    static final int FREE_FAILURES = 5;
    /** An address (a NAT, a proxy) may stand for several people: it gets more free failures. */
    static final int FREE_FAILURES_PER_ADDRESS = 10;
    static final long FORGET_AFTER_SECONDS = 900;
    static final int MAX_ENTRIES = 10_000;

    private record Failures(int count, long blockedUntil, long last) {
    }

    private final Map<String, Failures> users;
    private final Map<String, Failures> addresses;
    private final long userCapSeconds;
    private final long addressCapSeconds;
    private final Clock clock;

    LoginThrottle(long userCapSeconds, long addressCapSeconds, Clock clock) {
        this.userCapSeconds = userCapSeconds;
        this.addressCapSeconds = addressCapSeconds;
        this.clock = clock;
        this.users = counters(clock);
        this.addresses = counters(clock);
    }

    /** At most {@value #MAX_ENTRIES} counters, each forgotten {@value #FORGET_AFTER_SECONDS} s after its last failure. */
    private static Map<String, Failures> counters(Clock clock) {
        Cache<String, Failures> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
                .expireAfterWrite(Duration.ofSeconds(FORGET_AFTER_SECONDS))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
        return cache.asMap();
    }

    /** Seconds the caller must wait before this user name / address may try again; 0: go ahead. */
    long retryAfterSeconds(String user, String address) {
        address = counted(address);
        long now = clock.millis();
        long wait = Math.max(remaining(users, key(user), now), remaining(addresses, address, now));
        return wait <= 0 ? 0 : (wait + 999) / 1000;
    }

    void failed(String user, String address) {
        address = counted(address);
        long now = clock.millis();
        record(users, key(user), FREE_FAILURES, userCapSeconds, now);
        record(addresses, address, FREE_FAILURES_PER_ADDRESS, addressCapSeconds, now);
    }

    void succeeded(String user, String address) {
        address = counted(address);
        if (user != null) {
            users.remove(key(user));
        }
        if (address != null) {
            addresses.remove(address);
        }
    }

    /**
     * Loopback stands for everyone behind a local proxy (the Istio sidecar, a node-local proxy
     * without forward headers): throttling it as one client would lock everybody out. Such
     * requests are throttled by user name only. (A client cannot fake loopback through
     * X-Forwarded-For: Tomcat skips internal proxies' addresses, loopback among them.)
     */
    private static String counted(String address) {
        if (address == null || address.startsWith("127.") || address.equals("::1")
                || address.equals("0:0:0:0:0:0:0:1")) {
            return null;
        }
        return address;
    }

    private static String key(String user) {
        return user == null ? null : user.toLowerCase(Locale.ROOT);
    }

    private static long remaining(Map<String, Failures> map, String key, long now) {
        Failures f = key == null ? null : map.get(key);
        return f == null ? 0 : f.blockedUntil() - now;
    }

    private static void record(Map<String, Failures> map, String key, int free, long capSeconds, long now) {
        if (key == null) {
            return;
        }
        map.compute(key, (k, old) -> {
            int count = old == null || now - old.last() > FORGET_AFTER_SECONDS * 1000 ? 1 : old.count() + 1;
            if (count == free + 1) {
                log.warn("{} failed logins in a row for {}: further attempts are throttled", count,
                        k.replaceAll("\\p{Cntrl}", "?").substring(0, Math.min(k.length(), 100)));
            }
            long block = 0;
            if (count > free) {
                int exponent = Math.min(count - free - 1, 20);
                block = Math.min(capSeconds, 1L << exponent) * 1000;
            }
            return new Failures(count, now + block, now);
        });
    }
}
