package dev.trafficwizard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * User name and password, for form login and HTTP Basic: first the {@link LoginThrottle} (checks
 * and counts the attempt in one step; while throttled, no BCrypt runs and no cached pair is
 * looked up), then a short cache of verified credentials keyed by an HMAC of user and presented
 * password (never the password itself), so a pipeline's Basic requests do not each pay for BCrypt;
 * a miss goes to the delegate (the BCrypt check), at most {@value #PARALLEL_CHECKS} at a time: when
 * none is free within {@link #WAIT}, the attempt is answered like a throttled one (429 / the login
 * page's message) and not counted. Only successes are cached, for {@link #TTL}: a removed user or
 * changed password stops working at the latest then.
 */
class PasswordLogins implements AuthenticationProvider {

    static final Duration TTL = Duration.ofSeconds(60);
    static final int PARALLEL_CHECKS = 4;
    static final Duration WAIT = Duration.ofSeconds(1);

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final Cache<String, Authentication> verified;
    private final Semaphore checks = new Semaphore(PARALLEL_CHECKS);

    PasswordLogins(AuthenticationProvider delegate, LoginThrottle throttle, Clock clock) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.verified = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1_000).ticker(Tickers.of(clock)).build();
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String user = request.getName();
        String address = address(request);
        long wait = throttle.tryAcquire(user, address);
        if (wait > 0) {
            throw new LoginThrottledException(wait);
        }
        String key = SecretHash.of(user, String.valueOf(request.getCredentials()));
        Authentication hit = verified.getIfPresent(key);
        if (hit != null) {
            throttle.succeeded(user, address);
            UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(
                    hit.getPrincipal(), null, hit.getAuthorities());
            fresh.setDetails(request.getDetails());
            return fresh;
        }
        Authentication result = check(request, user, address);
        if (result == null) {
            throttle.release(user, address);
            return null;
        }
        throttle.succeeded(user, address);
        verified.put(key, result);
        return result;
    }

    /** The BCrypt check, when one of the slots is free; a failure stays counted (tryAcquire counted it). */
    private Authentication check(Authentication request, String user, String address) {
        if (!acquire(checks)) {
            throttle.release(user, address);
            throw new LoginThrottledException(1);
        }
        try {
            return delegate.authenticate(request);
        } finally {
            checks.release();
        }
    }

    static boolean acquire(Semaphore slots) {
        try {
            return slots.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The address the throttle counts: see {@link ClientAddress}; null is not counted. */
    static String address(Authentication request) {
        if (request.getDetails() instanceof ClientAddress.Details client) {
            return client.counted();
        }
        return request.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
