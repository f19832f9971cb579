package dev.trafficwizard.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The simulator's answer through the endpoint: the mirror, fault, timeout and retry lines of the rule
 * that took the request, in English and Korean, and the port and caller's labels fields.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
@WithMockUser(roles = "VIEWER")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
public class SimulatorEffectsControllerTest {

    public static final String PASTE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              hosts: [reviews]
              http:
              - match:
                - port: 9080
                  sourceLabels: {app: productpage}
                  withoutHeaders: {x-skip: {}}
                fault:
                  abort: {httpStatus: 503, percentage: {value: 5}}
                  delay: {fixedDelay: 2s, percentage: {value: 10}}
                mirror: {host: reviews, subset: v3}
                mirrorPercentage: {value: 10}
                timeout: 2s
                retries: {attempts: 3, perTryTimeout: 500ms, retryOn: 5xx}
                route:
                - destination: {host: reviews, subset: v1}
                  weight: 90
                - destination: {host: reviews, subset: v2}
                  weight: 10
              - route:
                - destination: {host: reviews, subset: v1}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              host: reviews
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
              - {name: v3, labels: {version: v3}}
            """;

    @Autowired
    MockMvc mvc;

    Document simulate(String port, String labels, String headers, Locale locale) throws Exception {
        return Jsoup.parse(mvc.perform(post("/analyze/simulate").header("HX-Request", "true").param("lang", locale.getLanguage())
                .param("yaml", PASTE).param("simService", "bookinfo/reviews").param("simPath", "/")
                .param("simPort", port).param("simSourceLabels", labels).param("simHeaders", headers))
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void aMirroredAndFaultedRuleSaysWhatItAlsoDoes() throws Exception {
        Document answer = simulate("9080", "app=productpage, version=v1", "", Locale.ENGLISH);
        assertThat(answer.select("#sim-shares .progress-bar").eachText()).containsExactly("v1 90 %", "v2 10 %");
        assertThat(answer.select("#sim-effects li").eachText()).containsExactly(
                "10 % of these requests are delayed 2s by the proxy (fault injection) before they are forwarded.",
                "5 % of these requests are answered 503 by the proxy (fault injection) without reaching any version.",
                "10 % of these requests are also copied to version v3; its answer is ignored.",
                "Aborted requests are not copied: only the forwarded ones are.",
                "Timeout 2s: if the answer takes longer, the proxy gives up and answers 504 (Gateway Timeout).",
                "Up to 3 retries, each try limited to 500ms, on 5xx.");
        assertThat(answer.select("#sim-effects li.text-danger-emphasis")).hasSize(2);
    }

    @Test
    void portLabelsAndAbsentHeadersDecideTheMatch() throws Exception {
        assertThat(simulate("8080", "app=productpage", "", Locale.ENGLISH).select("#sim-notes").text())
                .contains("the request goes to port 8080, the entry only to port 9080");
        assertThat(simulate("9080", "app=ratings", "", Locale.ENGLISH).select("#sim-notes").text())
                .contains("the caller's labels (app=ratings) do not include app=productpage");
        Document skipped = simulate("9080", "app=productpage", "x-skip: 1", Locale.ENGLISH);
        assertThat(skipped.select("#sim-effects")).isEmpty();
        assertThat(skipped.select("#sim-shares .progress-bar").eachText()).containsExactly("v1 100 %");
    }

    @Test
    void theLinesAreInKorean() throws Exception {
        Document answer = simulate("9080", "app=productpage", "", Locale.KOREAN);
        assertThat(answer.select("#sim-effects li").eachText()).contains(
                "이 요청의 10 %는 버전 v3에도 복사됩니다. 그 응답은 무시됩니다.",
                "이 요청의 5 %는 어떤 버전에도 닿지 않고 프록시가 503(으)로 응답합니다(장애 주입).");
    }
}
