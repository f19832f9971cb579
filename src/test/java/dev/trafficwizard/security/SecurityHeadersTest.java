package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Issue #12, finding 9: metrics need a login, HSTS on HTTPS (also behind a proxy), Permissions-Policy. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
class SecurityHeadersTest {

    @Autowired
    MockMvc mvc;

    @Test
    void prometheusNeedsAnyAuthenticatedUser() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").with(httpBasic("viewer", "viewer"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }

    @Test
    void hstsOnSecureRequestsOnly() throws Exception {
        mvc.perform(get("/login").secure(true))
                .andExpect(header().string("Strict-Transport-Security", containsString("max-age=")));
        mvc.perform(get("/login").header("X-Forwarded-Proto", "https"))
                .andExpect(header().string("Strict-Transport-Security", containsString("max-age=")));
        mvc.perform(get("/login")).andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    @Test
    void permissionsPolicyOnEveryResponse() throws Exception {
        mvc.perform(get("/login")).andExpect(header().string("Permissions-Policy", containsString("camera=()")));
        mvc.perform(get("/api/v1/services").with(httpBasic("viewer", "viewer")))
                .andExpect(header().string("Permissions-Policy", containsString("geolocation=()")));
    }
}
