package dev.trafficwizard.security;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins from this user name or address: try again in {@link #retryAfterSeconds()}. */
class LoginThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    LoginThrottledException(long retryAfterSeconds) {
        super("Too many failed attempts; try again in " + retryAfterSeconds + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
