package dev.trafficwizard.security;

import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Slows down password and token guessing with three counters of failed logins, each with
 * exponential back-off (1, 2, 4 … seconds per further failure) once its free failures are used:
 * <ul>
 * <li>the (user name, address) pair: {@value #FREE_PER_PAIR} free, capped at {@code addressCapSeconds}:
 * fast, and it blocks nobody else;</li>
 * <li>the address: {@value #FREE_PER_ADDRESS} free (a NAT may stand for several people), capped at
 * {@code addressCapSeconds}: one client spraying many names;</li>
 * <li>the user name: {@value #FREE_PER_USER} free per {@value #WINDOW_SECONDS} s window, capped at
 * {@code userCapSeconds}: only against guessing from many addresses, so a real user (a pipeline)
 * elsewhere is not locked out by someone's wrong guesses.</li>
 * </ul>
 * {@link #tryAcquire} checks and counts the attempt as a failure in one step (no parallel requests
 * slip through while the first ones are still checking); {@link #succeeded} clears the pair and
 * takes the attempt back from the address and user counters (it never wipes them: logging into
 * one's own account does not reset an address's count); {@link #release} only takes it back.
 * A {@code null} address (loopback without forward headers, see {@link ClientAddress}) or user
 * (bearer tokens) is not counted. Pair and address counters are forgotten {@value #WINDOW_SECONDS} s
 * after their last failure; every map is capped at {@value #MAX_ENTRIES} entries.
 */
final class LoginThrottle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoginThrottle.class);

    static final int FREE_PER_PAIR = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final int FREE_PER_USER = 100;
    static final long WINDOW_SECONDS = 900;
    static final int MAX_ENTRIES = 10_000;

    private record Failures(int count, long blockedUntil, long since, long last) {
    }

    /** One kind of counter; {@code fixedWindow}: forgotten a window after the first failure, else after the last. */
    private record Counter(String name, Map<String, Failures> map, int free, long capSeconds, boolean fixedWindow) {

        Counter(String name, int free, long capSeconds, boolean fixedWindow, Clock clock) {
            this(name, Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(Duration.ofSeconds(WINDOW_SECONDS))
                    .ticker(Tickers.of(clock)).<String, Failures>build().asMap(), free, capSeconds, fixedWindow);
        }

        long blockMillis(int count) {
            return count <= free ? 0 : Math.min(capSeconds, 1L << Math.min(count - free - 1, 20)) * 1000;
        }

        boolean expired(Failures f, long now) {
            return now - (fixedWindow ? f.since() : f.last()) > WINDOW_SECONDS * 1000;
        }
    }

    private final Counter pairs;
    private final Counter addresses;
    private final Counter users;
    private final Clock clock;

    LoginThrottle(long userCapSeconds, long addressCapSeconds, Clock clock) {
        this.clock = clock;
        this.pairs = new Counter("user at address", FREE_PER_PAIR, addressCapSeconds, false, clock);
        this.addresses = new Counter("address", FREE_PER_ADDRESS, addressCapSeconds, false, clock);
        this.users = new Counter("user", FREE_PER_USER, userCapSeconds, true, clock);
    }

    /**
     * 0: go ahead, the attempt is counted as a failure until {@link #succeeded}/{@link #release};
     * otherwise the seconds to wait, and nothing is counted.
     */
    synchronized long tryAcquire(String user, String address) {
        long wait = retryAfterSeconds(user, address);
        if (wait > 0) {
            return wait;
        }
        long now = clock.millis();
        record(pairs, pair(user, address), now);
        record(addresses, address, now);
        record(users, key(user), now);
        return 0;
    }

    /** The attempt was right: the pair starts over, the address and user counters lose this attempt. */
    synchronized void succeeded(String user, String address) {
        release(user, address);
        String pair = pair(user, address);
        if (pair != null) {
            pairs.map().remove(pair);
        }
    }

    /** The attempt was neither right nor wrong (nothing could check it): take it back. */
    synchronized void release(String user, String address) {
        long now = clock.millis();
        undo(pairs, pair(user, address), now);
        undo(addresses, address, now);
        undo(users, key(user), now);
    }

    /** Seconds the caller must wait before this user name / address may try again; 0: go ahead. Counts nothing. */
    synchronized long retryAfterSeconds(String user, String address) {
        long now = clock.millis();
        long wait = Math.max(remaining(pairs, pair(user, address), now),
                Math.max(remaining(addresses, address, now), remaining(users, key(user), now)));
        return wait <= 0 ? 0 : (wait + 999) / 1000;
    }

    /** Forgets every counter (tests that share one application context). */
    synchronized void forgetAll() {
        pairs.map().clear();
        addresses.map().clear();
        users.map().clear();
    }

    private static String key(String user) {
        return user == null ? null : user.toLowerCase(Locale.ROOT);
    }

    /** A null address (loopback) pairs the user name with everyone on loopback. */
    private static String pair(String user, String address) {
        return user == null ? null : key(user) + "\n" + (address == null ? "-" : address);
    }

    private static long remaining(Counter counter, String key, long now) {
        Failures f = key == null ? null : counter.map().get(key);
        return f == null || counter.expired(f, now) ? 0 : f.blockedUntil() - now;
    }

    private static void record(Counter counter, String key, long now) {
        if (key == null) {
            return;
        }
        counter.map().compute(key, (k, old) -> {
            boolean fresh = old == null || counter.expired(old, now);
            int count = fresh ? 1 : old.count() + 1;
            if (count == counter.free() + 1) {
                log.warn("{} failed logins of {} {}: further attempts are throttled", count, counter.name(),
                        k.replaceAll("\\p{Cntrl}", "/").substring(0, Math.min(k.length(), 100)));
            }
            long blocked = count > counter.free() ? now + counter.blockMillis(count) : 0;
            return new Failures(count, blocked, fresh ? now : old.since(), now);
        });
    }

    /** One attempt less; a block is shortened to what the smaller count would have set. */
    private static void undo(Counter counter, String key, long now) {
        if (key == null) {
            return;
        }
        counter.map().computeIfPresent(key, (k, old) -> old.count() <= 1 ? null : new Failures(old.count() - 1,
                Math.min(old.blockedUntil(), now + counter.blockMillis(old.count() - 1)), old.since(), old.last()));
    }
}
