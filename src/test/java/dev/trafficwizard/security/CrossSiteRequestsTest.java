package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #12, finding 1 (second line): what counts as cross-site, with and without traffic-wizard.external-url. */
class CrossSiteRequestsTest {

    static MockHttpServletRequest post(String scheme, String host, int port, String origin, String site) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/services/default/x/weighted/apply");
        request.setScheme(scheme);
        request.setServerName(host);
        request.setServerPort(port);
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        if (site != null) {
            request.addHeader("Sec-Fetch-Site", site);
        }
        return request;
    }

    final CrossSiteRequests own = new CrossSiteRequests(null, new StaticMessageSource());

    @Test
    void theRequestsOwnOriginWithDefaultPortsNormalised() {
        assertThat(own.crossSite(post("https", "tw.example.com", 443, "https://TW.example.com", "same-origin"))).isFalse();
        assertThat(own.crossSite(post("http", "localhost", 8080, "http://localhost:8080", null))).isFalse();
        assertThat(own.crossSite(post("http", "localhost", 8080, null, "none"))).isFalse();
        assertThat(own.crossSite(post("http", "localhost", 8080, null, null))).as("no header: the CSRF token decides")
                .isFalse();
    }

    @Test
    void foreignOriginsAndSitesAreCrossSite() {
        assertThat(own.crossSite(post("http", "localhost", 8080, "http://localhost:9090", null))).isTrue();
        assertThat(own.crossSite(post("https", "tw.example.com", 443, "http://tw.example.com", null))).isTrue();
        assertThat(own.crossSite(post("https", "tw.example.com", 443, "https://evil.example", null))).isTrue();
        assertThat(own.crossSite(post("https", "tw.example.com", 443, "null", null))).isTrue();
        assertThat(own.crossSite(post("https", "tw.example.com", 443, null, "same-site"))).isTrue();
        assertThat(own.crossSite(post("https", "tw.example.com", 443, null, "cross-site"))).isTrue();
    }

    @Test
    void theExternalUrlWinsOverWhatTheRequestShows() {
        CrossSiteRequests external = new CrossSiteRequests("https://tw.example.com/", new StaticMessageSource());
        assertThat(external.crossSite(post("http", "10.0.0.7", 8080, "https://tw.example.com", null))).isFalse();
        assertThat(external.crossSite(post("http", "10.0.0.7", 8080, "http://10.0.0.7:8080", null))).isTrue();
    }

    @Test
    void aRefusalIsAuditedWithAFixedReasonNeverTheOriginAndRateLimitedWhenAnonymous() throws Exception {
        StaticMessageSource messages = new StaticMessageSource();
        messages.setUseCodeAsDefaultMessage(true);
        CrossSiteRequests filter = new CrossSiteRequests(null, messages);
        Audit.ANONYMOUS.reset();
        try (AuditLines audit = new AuditLines()) {
            for (int i = 0; i < 30; i++) {
                MockHttpServletResponse response = new MockHttpServletResponse();
                filter.doFilter(post("http", "localhost", 8080, "https://evil.example/\u2028forged" + i, null), response,
                        new MockFilterChain());
                assertThat(response.getStatus()).isEqualTo(403);
            }
            List<JsonNode> lines = audit.objects();
            assertThat(lines).as("at most 20 anonymous refusals a minute").hasSize(20);
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.get("event").asString()).isEqualTo("request.refused");
                assertThat(line.get("message").asString()).isEqualTo("cross-site request");
            });
            assertThat(audit.lines()).noneMatch(line -> line.contains("evil") || line.contains("forged"));
        } finally {
            Audit.ANONYMOUS.reset();
        }
    }
}
