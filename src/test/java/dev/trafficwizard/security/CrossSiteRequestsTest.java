package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;

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
}
