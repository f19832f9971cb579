package dev.trafficwizard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.trafficwizard.cluster.TokenReviews;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;

/**
 * Bearer tokens: throttled per client address like passwords, verified by {@link TokenReviews},
 * the review's answer (yes or no) cached for {@link #TTL} under an HMAC of the token, and mapped to
 * a role by {@link ServiceAccountProperties}. The user name is the cluster's, e.g.
 * {@code system:serviceaccount:ci:deployer}.
 */
class ServiceAccountLogins {

    static final Duration TTL = Duration.ofSeconds(30);

    /** Verified by the cluster, but no mapping gives it a role: 403, not 401. */
    static final class NotMapped extends RuntimeException {

        final String username;

        NotMapped(String username) {
            super(username);
            this.username = username;
        }
    }

    private final TokenReviews reviews;
    private final List<ServiceAccountProperties.Mapping> mappings;
    private final LoginThrottle throttle;
    private final Cache<String, TokenReviews.Result> answers;

    ServiceAccountLogins(TokenReviews reviews, List<ServiceAccountProperties.Mapping> mappings, LoginThrottle throttle,
                         Clock clock) {
        this.reviews = reviews;
        this.mappings = List.copyOf(mappings);
        this.throttle = throttle;
        this.answers = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    PreAuthenticatedAuthenticationToken authenticate(String token, String address) throws AuthenticationException {
        long wait = throttle.retryAfterSeconds(null, address);
        if (wait > 0) {
            throw new LoginThrottledException(wait);
        }
        String key = SecretHash.of("bearer", token);
        TokenReviews.Result result = answers.getIfPresent(key);
        if (result == null) {
            result = reviews.review(token);
            answers.put(key, result);
        }
        if (!result.authenticated()) {
            throttle.failed(null, address);
            throw new BadCredentialsException("Bearer token refused: " + result.error());
        }
        TokenReviews.Result verified = result;
        ServiceAccountProperties.Mapping mapping = mappings.stream()
                .filter(m -> m.matches(verified.username(), verified.groups())).findFirst()
                .orElseThrow(() -> new NotMapped(verified.username()));
        throttle.succeeded(null, address);
        return new PreAuthenticatedAuthenticationToken(verified.username(), null,
                Authorities.of(List.of(mapping.role()), mapping.namespaces()));
    }
}
