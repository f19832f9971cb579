package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Login, CSRF, expired sessions during htmx requests, and the security headers. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
class SecurityBehaviourTest {

    static final String PLAN = """
            {"namespace":"default","service":"fleetman-webapp",
             "rules":[{"route":[{"version":"original","weight":100}]}]}""";

    @Autowired
    MockMvc mvc;

    @Test
    void theLoginPageNamesTheDemoUsers() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<code>operator</code> / <code>operator</code>")));
    }

    @Test
    void pagesNeedALoginAndTheApiAnswers401() throws Exception {
        mvc.perform(get("/services")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/login")));
        mvc.perform(get("/api/v1/services")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/services").with(httpBasic("viewer", "viewer"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/services").with(httpBasic("viewer", "wrong"))).andExpect(status().isUnauthorized());
    }

    @Test
    void anExpiredSessionDuringAnHtmxRequestSendsTheBrowserToTheLoginPage() throws Exception {
        var response = mvc.perform(get("/services").header("HX-Request", "true")).andReturn().getResponse();
        String location = response.getHeader("HX-Location") != null ? response.getHeader("HX-Location")
                : response.getHeader("HX-Redirect");
        assertThat(location).contains("/login");
        assertThat(response.getContentAsString()).doesNotContain("services-table");
    }

    @Test
    void stateChangingBrowserRequestsNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/services/default/fleetman-webapp/weighted/preview").header("HX-Request", "true")
                        .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER"))
                        .param("version", "original").param("weight", "100"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/services/default/fleetman-webapp/weighted/preview").header("HX-Request", "true")
                        .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER")).with(csrf())
                        .param("version", "original").param("weight", "100"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/routing/preview").with(user("viewer").roles("VIEWER"))
                        .contentType(MediaType.APPLICATION_JSON).content(PLAN))
                .andExpect(status().isForbidden());
    }

    @Test
    void pipelinesWithBasicAuthNeedNoCsrfTokenAndViewersMayPreview() throws Exception {
        mvc.perform(post("/api/v1/routing/preview").with(httpBasic("viewer", "viewer"))
                        .contentType(MediaType.APPLICATION_JSON).content(PLAN))
                .andExpect(status().isOk());
    }

    @Test
    void securityHeadersOnEveryPage() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
    }

    @Test
    void loginCreatesAnHttpOnlySameSiteSessionCookie() throws Exception {
        var response = mvc.perform(post("/login").with(csrf()).param("username", "admin").param("password", "admin"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).doesNotContain("error");
    }
}
