package dev.trafficwizard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * Not authenticated by the Authorization header (or no credentials on the API): 401 with a
 * {@code WWW-Authenticate} challenge for Basic and Bearer, JSON diagnostics on the API; throttled
 * after too many failures: 429 with {@code Retry-After}; TokenReview unavailable: 503 with
 * {@code Retry-After}.
 */
class ApiEntryPoint implements AuthenticationEntryPoint {

    static final String CHALLENGE = "Basic realm=\"Traffic Wizard\", Bearer realm=\"Traffic Wizard\"";

    private final MessageSource messages;

    ApiEntryPoint(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            Problems.write(request, response, 429, "TOO_MANY_ATTEMPTS", messages.getMessage("login.throttled",
                    new Object[] {throttled.retryAfterSeconds()}, request.getLocale()));
            return;
        }
        if (failure instanceof ServiceAccountLogins.Unavailable) {
            response.setHeader("Retry-After", String.valueOf(ServiceAccountLogins.UNAVAILABLE_RETRY_SECONDS));
            Problems.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "TOKEN_REVIEW_UNAVAILABLE",
                    messages.getMessage("security.tokenReviewUnavailable", null, request.getLocale()));
            return;
        }
        response.setHeader("WWW-Authenticate", CHALLENGE);
        Problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED",
                messages.getMessage("security.unauthenticated", null, request.getLocale()));
    }
}
