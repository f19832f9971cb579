package dev.trafficwizard.security;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The alert that replaces a refused htmx write speaks the page's language; without a choice, English. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class ForbiddenInTheReadersLanguageTest {

    private static final String APPLY = "/services/bookinfo/reviews/weighted/apply";

    @Autowired
    MockMvc mvc;

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void aViewersRefusedApplyIsExplainedInKoreanOnAKoreanPage() throws Exception {
        mvc.perform(post(APPLY).header("HX-Request", "true").header("HX-Target", "apply-result")
                        .cookie(new Cookie("tw-lang", "ko")).param("version", "v1").param("weight", "100"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(allOf(containsString("data-code=\"FORBIDDEN\""),
                        containsString("아무것도"), not(containsString("You may not")))));
        mvc.perform(post(APPLY).header("HX-Request", "true").header("HX-Target", "apply-result")
                        .param("version", "v1").param("weight", "100"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("You may not do this")));
    }
}
