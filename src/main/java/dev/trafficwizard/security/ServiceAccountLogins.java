package dev.trafficwizard.security;

import dev.trafficwizard.cluster.TokenReviews;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Bearer tokens: throttled per client address ({@link LoginThrottle#tryAcquire}, before the cache),
 * verified by {@link TokenReviews} (at most {@value #PARALLEL_REVIEWS} reviews at a time, and at most
 * {@value #FAILED_REVIEWS_PER_SECOND} refused reviews a second over all clients, else 429), the
 * review's answer (yes or no) cached for {@link #TTL} under an HMAC of the token, and mapped to a
 * role by {@link ServiceAccountProperties}. A review that could not be made is neither cached nor
 * counted: 503 ({@link Unavailable}). The user name is the cluster's, e.g.
 * {@code system:serviceaccount:ci:deployer}.
 */
class ServiceAccountLogins {

    static final Duration TTL = Duration.ofSeconds(30);
    static final int PARALLEL_REVIEWS = 4;
    static final int FAILED_REVIEWS_PER_SECOND = 10;
    /** Retry-After of a 503 while TokenReview is unavailable. */
    static final long UNAVAILABLE_RETRY_SECONDS = 10;

    /** Verified by the cluster, but no mapping gives it a role: 403, not 401. */
    static final class NotMapped extends RuntimeException {

        final String username;

        NotMapped(String username) {
            super(username);
            this.username = username;
        }
    }

    /** The cluster could not be asked: 503 with Retry-After, not a failed login. */
    static final class Unavailable extends AuthenticationException {

        Unavailable() {
            super("TokenReview unavailable");
        }
    }

    private final TokenReviews reviews;
    private final List<ServiceAccountProperties.Mapping> mappings;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final SingleFlight<TokenReviews.Result> answers;
    private final Semaphore calls = new Semaphore(PARALLEL_REVIEWS);
    private long second = Long.MIN_VALUE;
    private int refusedThisSecond;

    ServiceAccountLogins(TokenReviews reviews, List<ServiceAccountProperties.Mapping> mappings, LoginThrottle throttle,
                         Clock clock) {
        this.reviews = reviews;
        this.mappings = List.copyOf(mappings);
        this.throttle = throttle;
        this.clock = clock;
        this.answers = new SingleFlight<>(TTL, 1_000, clock);
    }

    PreAuthenticatedAuthenticationToken authenticate(String token, String address) throws AuthenticationException {
        long blocked = throttle.retryAfterSeconds(null, address);
        if (blocked > 0) {
            throw new LoginThrottledException(blocked);
        }
        String key = SecretHash.of("bearer", token);
        boolean[] counted = {false};
        TokenReviews.Result result = answers.known(key);
        if (result == null) {
            // one TokenReview per token however many requests carry it at once; only that one is counted
            result = answers.get(key, () -> {
                long wait = throttle.tryAcquire(null, address);
                if (wait > 0) {
                    throw new LoginThrottledException(wait);
                }
                counted[0] = true;
                return review(token, address);
            }).value();
        }
        if (!result.authenticated()) {
            if (!counted[0]) {
                throttle.tryAcquire(null, address); // a refused token, answered from the cache, still counts
            }
            throw new BadCredentialsException("Bearer token refused: " + result.error());
        }
        TokenReviews.Result verified = result;
        ServiceAccountProperties.Mapping mapping = mappings.stream()
                .filter(m -> m.matches(verified.username(), verified.groups())).findFirst().orElse(null);
        if (mapping == null) {
            if (counted[0]) {
                throttle.release(null, address);
            }
            throw new NotMapped(verified.username());
        }
        if (counted[0]) {
            throttle.succeeded(null, address);
        }
        return new PreAuthenticatedAuthenticationToken(verified.username(), null,
                Authorities.of(List.of(mapping.role()), mapping.namespaces()));
    }

    /** A TokenReview call, within the parallel and the global refusal limits; never UNAVAILABLE. */
    private TokenReviews.Result review(String token, String address) {
        if (!globalRefusalsLeft() || !PasswordLogins.acquire(calls)) {
            throttle.release(null, address);
            throw new LoginThrottledException(1);
        }
        TokenReviews.Result result;
        try {
            result = reviews.review(token);
        } finally {
            calls.release();
        }
        if (result.outcome() == TokenReviews.Outcome.UNAVAILABLE) {
            throttle.release(null, address);
            throw new Unavailable();
        }
        if (!result.authenticated()) {
            refused();
        }
        return result;
    }

    private synchronized boolean globalRefusalsLeft() {
        long now = clock.millis() / 1000;
        if (now != second) {
            second = now;
            refusedThisSecond = 0;
        }
        return refusedThisSecond < FAILED_REVIEWS_PER_SECOND;
    }

    private synchronized void refused() {
        if (clock.millis() / 1000 == second) {
            refusedThisSecond++;
        }
    }
}
