package dev.trafficwizard.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #12, finding 1: CSRF is skipped only for requests that authenticate by their Authorization
 * header, never for a session that merely carries one; cross-site writes are refused by Origin /
 * Sec-Fetch-Site. Sessions come from a real form login.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
class CsrfAndOriginTest {

    static final String PREVIEW = "/services/default/fleetman-webapp/weighted/preview";

    @Autowired
    MockMvc mvc;

    MockHttpSession login(String user) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").with(csrf()).param("username", user).param("password", user))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer junk", "Negotiate x", "", "Basic", "bearer "})
    void aSessionCarryingAnAuthorizationHeaderStillNeedsTheCsrfToken(String authorization) throws Exception {
        MockHttpSession session = login("operator");
        int status = mvc.perform(post(PREVIEW).session(session).header("Authorization", authorization)
                        .header("HX-Request", "true").param("version", "original").param("weight", "100"))
                .andReturn().getResponse().getStatus();
        // refused either way: a junk Basic/Bearer credential is a 401, anything else lacks the CSRF token
        assertThat(status).as(authorization).isIn(401, 403);
        mvc.perform(post("/api/v1/routing/preview").session(session).header("Authorization", authorization)
                        .contentType(MediaType.APPLICATION_JSON).content(SecurityBehaviourTest.PLAN))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(401, 403));
    }

    @Test
    void aJunkBearerTokenNextToASessionCookieIsNotAuthenticatedByTheCookie() throws Exception {
        MockHttpSession session = login("operator");
        mvc.perform(get("/api/v1/services").session(session).header("Authorization", "Bearer junk"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(content().string(containsString("\"diagnostics\"")));
    }

    @Test
    void validBasicCredentialsNextToASessionAreThoseCredentialsNotTheSession() throws Exception {
        MockHttpSession operator = login("operator");
        // the request authenticates as the viewer named in the header; the operator's session is not read
        mvc.perform(post("/api/v1/routing/apply").session(operator).with(httpBasic("viewer", "viewer"))
                        .contentType(MediaType.APPLICATION_JSON).content(SecurityBehaviourTest.PLAN))
                .andExpect(status().isForbidden());
    }

    @Test
    void basicCredentialsABrowserAttachesToACrossSitePostAreRefused() throws Exception {
        mvc.perform(post("/api/v1/routing/preview").with(httpBasic("operator", "operator"))
                        .header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
                        .contentType(MediaType.APPLICATION_JSON).content(SecurityBehaviourTest.PLAN))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("CROSS_SITE")));
    }

    @Test
    void crossSiteWritesAreRefusedEvenWithTheToken() throws Exception {
        MockHttpSession session = login("operator");
        mvc.perform(post(PREVIEW).session(session).with(csrf()).header("Origin", "https://evil.example")
                        .header("HX-Request", "true")
                        .param("version", "original").param("weight", "100"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/routing/preview").session(session).with(csrf()).header("Sec-Fetch-Site", "cross-site")
                        .contentType(MediaType.APPLICATION_JSON).content(SecurityBehaviourTest.PLAN))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("CROSS_SITE")));
        mvc.perform(post(PREVIEW).session(session).with(csrf()).header("Origin", "http://localhost")
                        .header("Sec-Fetch-Site", "same-origin").header("HX-Request", "true")
                        .param("version", "original").param("weight", "100"))
                .andExpect(status().isOk());
    }

    @Test
    void theOriginBehindAProxyIsTheForwardedOne() throws Exception {
        // MockMvc does not run Tomcat's RemoteIpValve: set what it would have set from X-Forwarded-*
        MockHttpSession session = login("operator");
        mvc.perform(post(PREVIEW).session(session).with(csrf()).header("HX-Request", "true")
                        .header("Origin", "https://tw.example.com")
                        .with(request -> {
                            request.setScheme("https");
                            request.setServerName("tw.example.com");
                            request.setServerPort(443);
                            request.setSecure(true);
                            return request;
                        })
                        .param("version", "original").param("weight", "100"))
                .andExpect(status().isOk());
    }

    @Test
    void logoutWithoutTokenEndsTheSession() throws Exception {
        MockHttpSession session = login("viewer");
        mvc.perform(post("/logout").session(session)).andExpect(status().is3xxRedirection());
        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get("/services").session(session)).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/login")));
    }

    @Test
    void crossSiteLogoutIsRefused() throws Exception {
        MockHttpSession session = login("viewer");
        mvc.perform(post("/logout").session(session).header("Sec-Fetch-Site", "cross-site"))
                .andExpect(status().isForbidden());
        assertThat(session.isInvalid()).isFalse();
    }
}
