package dev.trafficwizard.security;

import dev.trafficwizard.cluster.DemoCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;


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
 * Issue #12, findings 4 and 5 over HTTP on the demo cluster: guessing is throttled (form: a message
 * on the login page; API: 429 + Retry-After), and the demo pipeline's ServiceAccount token works
 * without a session or CSRF token. Each test uses its own client address and clears the throttle.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
class LoginThrottlingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    DemoCluster demo;

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @AfterEach
    void forget() {
        throttle.forgetAll();
    }

    @Test
    void fiftyWrongFormLoginsThenTheRightOneIsThrottledAndSaysHowLong() throws Exception {
        for (int i = 0; i < 50; i++) {
            mvc.perform(post("/login").with(csrf()).with(from("10.12.0.1")).param("username", "operator")
                    .param("password", "guess" + i)).andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/login").with(csrf()).with(from("10.12.0.2")).param("username", "operator")
                .param("password", "operator")).andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).as("elsewhere: not locked out")
                        .doesNotContain("error", "throttled"));
        String target = mvc.perform(post("/login").with(csrf()).with(from("10.12.0.1"))
                        .param("username", "operator").param("password", "operator"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(target).matches(".*/login\\?throttled=\\d+");
        String seconds = target.substring(target.indexOf('=') + 1);
        mvc.perform(get("/login").param("throttled", seconds))
                .andExpect(content().string(containsString("Too many failed attempts; try again in " + seconds + " second")));
        mvc.perform(get("/login").param("throttled", seconds).param("lang", "ko"))
                .andExpect(content().string(containsString(seconds + "초 후에 다시 시도하세요")));
        mvc.perform(get("/login").param("throttled", "<b>forged</b>"))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("forged"))));
    }

    @Test
    void basicGuessesGet429WithRetryAfter() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR + 1; i++) {
            mvc.perform(get("/api/v1/services").with(from("10.12.0.3")).with(httpBasic("viewer", "no" + i)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", containsString("Basic")));
        }
        mvc.perform(get("/api/v1/services").with(from("10.12.0.3")).with(httpBasic("viewer", "viewer")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().string(containsString("TOO_MANY_ATTEMPTS")));
    }

    @Test
    void theDemoPipelineTokenIsAStatelessOperator() throws Exception {
        String bearer = "Bearer " + demo.pipelineToken();
        var response = mvc.perform(get("/api/v1/services").with(from("10.12.0.4")).header("Authorization", bearer))
                .andExpect(status().isOk()).andReturn();
        assertThat(response.getRequest().getSession(false)).as("no session for a token request").isNull();
        mvc.perform(post("/api/v1/routing/preview").with(from("10.12.0.4")).header("Authorization", bearer)
                        .contentType(MediaType.APPLICATION_JSON).content(SecurityBehaviourTest.PLAN))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(from("10.12.0.4")).header("Authorization", bearer))
                .andExpect(status().isOk());
        // an operator's write gets past security (no routing to delete here: not 401/403)
        int status = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .delete("/api/v1/namespaces/default/services/fleetman-staff-service/routing")
                        .with(from("10.12.0.4")).header("Authorization", bearer))
                .andReturn().getResponse().getStatus();
        assertThat(status).isNotIn(401, 403).isLessThan(500);
    }

    @Test
    void wrongBearerTokensAre401ThenThrottledPerAddress() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS + 1; i++) {
            // one token asked about once, then refused from the cache: counted each time all the same
            mvc.perform(get("/api/v1/services").with(from("10.12.0.9")).header("Authorization", "Bearer junk"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().string(containsString("UNAUTHENTICATED")));
        }
        mvc.perform(get("/api/v1/services").with(from("10.12.0.9")).header("Authorization", "Bearer " + demo.pipelineToken()))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
    }
}
