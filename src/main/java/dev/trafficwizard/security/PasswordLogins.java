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
import java.util.concurrent.TimeUnit;

/**
 * User name and password, for form login and HTTP Basic: first the {@link LoginThrottle} (while
 * throttled, no BCrypt runs), then a short cache of verified credentials keyed by an HMAC of user
 * and presented password (never the password itself), so a pipeline's Basic requests do not each
 * pay for BCrypt; a miss goes to the delegate (the BCrypt check). Only successes are cached, for
 * {@link #TTL}: a removed user or changed password stops working at the latest then.
 */
class PasswordLogins implements AuthenticationProvider {

    static final Duration TTL = Duration.ofSeconds(60);

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final Cache<String, Authentication> verified;

    PasswordLogins(AuthenticationProvider delegate, LoginThrottle throttle, Clock clock) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.verified = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String user = request.getName();
        String address = address(request);
        long wait = throttle.retryAfterSeconds(user, address);
        if (wait > 0) {
            throw new LoginThrottledException(wait);
        }
        String key = SecretHash.of(user, String.valueOf(request.getCredentials()));
        Authentication hit = verified.getIfPresent(key);
        if (hit != null) {
            UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(
                    hit.getPrincipal(), null, hit.getAuthorities());
            fresh.setDetails(request.getDetails());
            return fresh;
        }
        Authentication result;
        try {
            result = delegate.authenticate(request);
        } catch (AuthenticationException failed) {
            throttle.failed(user, address);
            throw failed;
        }
        if (result != null) {
            throttle.succeeded(user, address);
            verified.put(key, result);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static String address(Authentication request) {
        return request.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
