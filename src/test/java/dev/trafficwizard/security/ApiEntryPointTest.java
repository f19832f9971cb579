package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Review of issue #12, item 4: a TokenReview outage is a 503 with Retry-After and its own diagnostic, not a 401. */
class ApiEntryPointTest {

    @Test
    void tokenReviewUnavailableIs503WithRetryAfterInBothLanguages() throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.KOREAN}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/services");
            request.addPreferredLocale(locale);
            MockHttpServletResponse response = new MockHttpServletResponse();
            new ApiEntryPoint(messages).commence(request, response, new ServiceAccountLogins.Unavailable());
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("10");
            assertThat(response.getHeader("WWW-Authenticate")).as("not a credentials problem").isNull();
            assertThat(response.getContentAsString()).contains("\"code\":\"TOKEN_REVIEW_UNAVAILABLE\"")
                    .contains(locale == Locale.KOREAN ? "TokenReview 사용 불가" : "TokenReview unavailable");
        }
    }
}
