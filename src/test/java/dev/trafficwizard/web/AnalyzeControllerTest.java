package dev.trafficwizard.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The analyze page's handlers against the demo cluster, as a viewer. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
@WithMockUser(roles = "VIEWER")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class AnalyzeControllerTest {

    /** Null entries Istio's validation would refuse and the live mesh never holds, and markup in values. */
    static final String HOSTILE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              hosts: [null, reviews, "<script>alert(1)</script>"]
              gateways: [null]
              http:
              - null
              - match: [null, {headers: {x-a: null, "<b>": {exact: "<script>alert(2)</script>"}}}]
                route: [null, {destination: null}, {destination: {host: null}}]
              - route: [{destination: {host: reviews, subset: "<img src=x onerror=alert(3)>"}, weight: 100}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              host: reviews
              subsets: [null, {name: null}, {name: v1, labels: null}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata:
              name: gw
              namespace: bookinfo
            spec:
              servers: [null, {port: null, hosts: [null]}]
            """;

    @Autowired
    MockMvc mvc;

    @Test
    void thePageHasALabelledPasteAndTheHeaderLinksIt() throws Exception {
        mvc.perform(get("/analyze")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<label class=\"form-label fw-semibold\" for=\"analyze-yaml\""),
                        containsString("id=\"nav-analyze\""), containsString("aria-live=\"polite\""))));
    }

    @Test
    void hostilePastesAreShownAsTextAndNeverBreakTheAnswer() throws Exception {
        String html = mvc.perform(post("/analyze").header("HX-Request", "true").param("yaml", HOSTILE))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<script>alert"))))
                .andExpect(content().string(not(containsString("<img src=x"))))
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("data-code=\"ISTIO_REJECTS\"");
        mvc.perform(post("/analyze/simulate").header("HX-Request", "true").param("yaml", HOSTILE)
                        .param("simService", "bookinfo/reviews").param("simPath", "/"))
                .andExpect(status().isOk());
    }

    @Test
    void anEmptyPasteSaysSoAndTheSimulatorUsesThePaste() throws Exception {
        mvc.perform(post("/analyze").header("HX-Request", "true").param("yaml", " \n"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Paste routing objects first: the text is empty.")));
        String subsetV1 = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: reviews
                  namespace: bookinfo
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: nowhere}
                """;
        mvc.perform(post("/analyze/simulate").header("HX-Request", "true").param("yaml", subsetV1)
                        .param("simService", "bookinfo/reviews"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("subset nowhere")));
        mvc.perform(post("/analyze/simulate").header("HX-Request", "true").param("yaml", subsetV1)
                        .param("simService", "nonsense"))
                .andExpect(status().isNotFound());
        // without htmx (no JavaScript): the whole page with the result
        mvc.perform(post("/analyze").param("yaml", subsetV1))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<html"), containsString("id=\"analyze-result-title\""))));
    }

    @Test
    void aLongPasteShowsItsFirstLinesAndCountsTheRest() throws Exception {
        String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n"
                + "  k: v\n".repeat(1) + "  list: |\n" + "    line\n".repeat(6000);
        mvc.perform(post("/analyze").header("HX-Request", "true").param("yaml", manifest))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"paste-line-5000\""),
                        not(containsString("id=\"paste-line-5001\"")),
                        containsString("Only the first 5000 lines are shown here; 1006 more were analyzed."))));
    }

    @Test
    void garbageNeverGetsA5xx() throws Exception {
        Random random = new Random(1414);
        String[] lines = HOSTILE.split("\n");
        for (int i = 0; i < 120; i++) {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                if (random.nextInt(4) > 0) {
                    text.append(line).append('\n');
                }
            }
            int status = mvc.perform(post("/analyze").header("HX-Request", "true").param("yaml", text.toString()))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as("paste %d:\n%s", i, text).isLessThan(500);
            status = mvc.perform(post("/analyze/simulate").header("HX-Request", "true").param("yaml", text.toString())
                    .param("simService", "bookinfo/reviews")).andReturn().getResponse().getStatus();
            assertThat(status).as("simulate %d:\n%s", i, text).isLessThan(500);
        }
    }
}
