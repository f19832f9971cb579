package dev.trafficwizard.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/v1/analyze} against the demo cluster, as a viewer (anyone who can log in may analyze). */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
@WithMockUser(roles = "VIEWER")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class AnalyzeApiTest {

    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              ports:
              - port: 9080
            """;

    /** Two things Istio's schema refuses: a negative weight, and a field it does not know. */
    static final String REFUSED_VS = """
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              hosts:
              - reviews
              http:
              - route:
                - destination:
                    host: reviews
                  weight: -5
                  wieght: 10
            """;

    @Autowired
    MockMvc mvc;

    @Test
    void aViewerGetsTheSchemaFindingsWithTheirLinesAndTheIgnoredKinds() throws Exception {
        mvc.perform(post("/api/v1/analyze").contentType("application/yaml").content(SERVICE + "---\n" + REFUSED_VS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ignored", hasSize(1)))
                .andExpect(jsonPath("$.ignored[0].kind").value("Service"))
                .andExpect(jsonPath("$.ignored[0].namespace").value("bookinfo"))
                .andExpect(jsonPath("$.ignored[0].name").value("reviews"))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].weight')].code").value("ISTIO_REJECTS"))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].weight')].istioCode").value("IST0106"))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].weight')].severity").value("ERROR"))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].weight')].object.kind").value("VirtualService"))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].weight')].lines.first").value(22))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].wieght')].message")
                        .value(org.hamcrest.Matchers.hasItem("Istio would refuse VirtualService bookinfo/reviews: its schema has no field spec.http[0].route[0].wieght.")))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].wieght')].lines.first").value(23));
    }

    @Test
    void jsonIsReadAndADocumentWithoutNamespaceIsInDefault() throws Exception {
        mvc.perform(post("/api/v1/analyze").contentType("application/json").content("""
                        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics", hasSize(0)))
                .andExpect(jsonPath("$.ignored[0].namespace").value("default"));
    }

    @Test
    void unreadablePastesAre400AndBadDocuments422NamingDocumentAndLine() throws Exception {
        mvc.perform(post("/api/v1/analyze").contentType("text/yaml").content(SERVICE + "---\nkind: [\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ANALYZE_INPUT"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("body"))
                .andExpect(jsonPath("$.diagnostics[0].message", startsWith("The pasted text cannot be read: Document 2, line")));
        mvc.perform(post("/api/v1/analyze").contentType("text/yaml").content("a: &x [1]\nb: *x\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].message", containsString("aliases")));
        mvc.perform(post("/api/v1/analyze").contentType("text/plain").content(""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].message", startsWith("The pasted text cannot be read: it is empty")));
        mvc.perform(post("/api/v1/analyze").contentType("application/x-yaml")
                        .content(REFUSED_VS.replace("networking.istio.io/v1beta1", "networking.istio.io/v2")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ANALYZE_INPUT"))
                .andExpect(jsonPath("$.diagnostics[0].message").value("The pasted text cannot be read: Document 1, line 1: VirtualService reviews has "
                        + "apiVersion networking.istio.io/v2: only networking.istio.io/v1, v1beta1 and v1alpha3 are read "
                        + "(Istio serves the three with the same schema)."));
        mvc.perform(post("/api/v1/analyze").contentType("application/yaml").content(new byte[] {(byte) 0xC3, 0x28}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].message", containsString("UTF-8")));
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "# " + "x".repeat(300 * 1024) + "\n";
        mvc.perform(post("/api/v1/analyze").contentType("application/yaml").content(big))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.diagnostics[0].code").value("BODY_TOO_LARGE"));
    }

    @Test
    void linesEndedTheOldOrTheUnicodeWayCountAsYamlCountsThem() throws Exception {
        // a lone CR (old Mac text) and U+2028 are line breaks to YAML: the lines shown must be the same lines
        for (String br : new String[] {"\r", "\u2028", "\r\n"}) {
            String text = (SERVICE + "---\n# a comment\n" + REFUSED_VS).replace("\n", br);
            mvc.perform(post("/api/v1/analyze").contentType("application/yaml").content(text))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].weight')].lines.first").value(23));
        }
    }

    @Test
    void aGatewayApiGatewayInAManifestIsCheckedBesideTheIstioObjects() throws Exception {
        String gatewayApi = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: web
                  namespace: bookinfo
                spec:
                  gatewayClassName: istio
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                """;
        mvc.perform(post("/api/v1/analyze").contentType("application/yaml").content(gatewayApi + "---\n" + REFUSED_VS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ignored").isEmpty())
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'spec.http[0].route[0].weight')].code").value("ISTIO_REJECTS"));
    }

    @Test
    void garbageNeverGetsA5xx() throws Exception {
        Random random = new Random(14);
        String[] fragments = {"apiVersion: networking.istio.io/v1\n", "kind: VirtualService\n", "kind: Gateway\n",
            "metadata:\n  name: x\n", "spec:\n  hosts: [a]\n", "  http:\n  - route: 5\n", "---\n", "- [\n", "{\"a\":",
            "&a b\n", "*a\n", "? [x]\n: y\n", "\t", "  servers: {}\n", "spec: null\n", "metadata: []\n", "!!binary x\n",
            "spec:\n  http: [{match: [{uri: {regex: '(a+)+$'}}]}]\n", "0x1F: 1e400\n", "\u0000", "\uFEFF", "name: ü\n",
            "spec:\n  hosts: [null, reviews]\n  http: [null, {route: [null, {destination: null}]}]\n",
            "  subsets: [null, {name: null}]\n", "kind: DestinationRule\n", "apiVersion: networking.istio.io/v1beta1\n",
            "metadata: {name: reviews, namespace: bookinfo}\n"};
        for (int i = 0; i < 400; i++) {
            byte[] body;
            if (i % 3 == 0) {
                body = new byte[random.nextInt(200)];
                random.nextBytes(body);
            } else {
                StringBuilder text = new StringBuilder();
                for (int j = random.nextInt(12); j >= 0; j--) {
                    text.append(fragments[random.nextInt(fragments.length)]);
                }
                body = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            int status = mvc.perform(post("/api/v1/analyze").contentType(i % 2 == 0 ? "application/yaml" : "application/json")
                    .content(body)).andReturn().getResponse().getStatus();
            assertThat(status).as("body %d: %s", i, new String(body, StandardCharsets.UTF_8)).isLessThan(500);
        }
    }
}
