package dev.trafficwizard.security;

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
 * User name and password, for form login and HTTP Basic: first the {@link LoginThrottle} (while
 * throttled, no BCrypt runs and no cached pair is looked up), then a short cache of verified
 * credentials keyed by an HMAC of user and presented password (never the password itself), so a
 * pipeline's Basic requests do not each pay for BCrypt; a hit is not an attempt. A miss is: the
 * throttle checks and counts it in one step, and it goes to the delegate (the BCrypt check), once
 * per presented pair however many requests carry it at once, at most {@value #PARALLEL_CHECKS}
 * checks at a time: when
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
    private final SingleFlight<Authentication> verified;
    private final Semaphore checks = new Semaphore(PARALLEL_CHECKS);

    PasswordLogins(AuthenticationProvider delegate, LoginThrottle throttle, Clock clock) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.verified = new SingleFlight<>(TTL, 1_000, clock);
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String user = request.getName();
        String address = address(request);
        long blocked = throttle.retryAfterSeconds(user, address);
        if (blocked > 0) {
            throw new LoginThrottledException(blocked);
        }
        String key = SecretHash.of(user, String.valueOf(request.getCredentials()));
        Authentication verifiedOnce = verified.known(key);
        if (verifiedOnce == null) {
            // one check per presented pair: parallel requests with the same credentials (a pipeline's
            // jobs) wait for it instead of each counting as an attempt and paying for BCrypt
            verifiedOnce = verified.get(key, () -> attempt(request, user, address)).value();
            if (verifiedOnce == null) {
                return null;
            }
        }
        UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(
                verifiedOnce.getPrincipal(), null, verifiedOnce.getAuthorities());
        fresh.setDetails(request.getDetails());
        return fresh;
    }

    /** A counted attempt: BCrypt; a failure stays counted, a success clears the pair. */
    private Authentication attempt(Authentication request, String user, String address) {
        long wait = throttle.tryAcquire(user, address);
        if (wait > 0) {
            throw new LoginThrottledException(wait);
        }
        Authentication result = check(request, user, address);
        if (result == null) {
            throttle.release(user, address);
            return null;
        }
        throttle.succeeded(user, address);
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
