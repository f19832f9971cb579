package dev.trafficwizard.hostile;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Property-based: generated hostile values in every field of the REST plan (and every other API
 * input: query parameters, path variables, the rollback body), in every JSON type, plus bodies that
 * are not JSON at all. Never a 5xx; every error names its field ({@code path}); a refused apply
 * wrote nothing.
 */
class HostileApiInputTest extends HostileInputTestBase {

    static final int INPUTS = 4_000;
    /** Writes the deepest generated plans too (Jackson's own limit on writing is 500 levels). */
    static final JsonMapper JSON = JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
            .streamWriteConstraints(tools.jackson.core.StreamWriteConstraints.builder().maxNestingDepth(10_000).build())
            .build()).build();


    @Test
    void hostileValuesInEveryApiField() throws Exception {
        HostileValues values = new HostileValues(SEED + 1);
        List<JsonNode> plans = Plans.valid();
        Map<String, Integer> statuses = new TreeMap<>();
        int fields = 0;
        for (int i = 0; i < INPUTS; i++) {
            JsonNode plan = plans.get(i % plans.size());
            List<String> paths = Plans.fieldPaths(plan);
            fields = Math.max(fields, paths.size());
            String field = paths.get((i / plans.size()) % paths.size());
            String body;
            if (i % 50 == 49) {
                field = "(whole body)";
                body = Plans.brokenBody(values);
            } else {
                body = JSON.writeValueAsString(Plans.mutate(plan, field, values));
            }
            String endpoint = i % 5 == 4 ? "/api/v1/routing/apply" : "/api/v1/routing/preview";
            var before = endpoint.endsWith("apply") ? snapshot() : null;
            var request = post(endpoint).contentType(MediaType.APPLICATION_JSON).content(body);
            if (i % 7 == 3 && endpoint.endsWith("preview")) {
                request.accept("application/yaml");
            }
            String sent = "seed " + SEED + ", input " + i + ": " + endpoint + " " + field + " in " + Shown.of(body);
            MockHttpServletResponse answer = Send.perform(mvc, request, sent);
            String where = sent + " answered " + answer.getStatus();
            statuses.merge(endpoint.substring(16) + " " + answer.getStatus(), 1, Integer::sum);
            judge(answer, where);
            if (before != null) {
                if (answer.getStatus() == 200) {
                    restore();
                } else {
                    assertThat(routing(snapshot(), answer.getStatus() == 409))
                            .as(where + ": refused but wrote").isEqualTo(routing(before, answer.getStatus() == 409));
                }
            }
        }
        int others = otherInputs(values, statuses);
        System.out.println("hostile API inputs: " + (INPUTS + others) + " (plan fields: " + fields + "), answers "
                + statuses);
        assertThat(statuses).containsKeys("apply 200", "apply 422", "preview 200", "preview 400");
    }

    /** Query parameters, path variables and the rollback body. */
    private int otherInputs(HostileValues values, Map<String, Integer> statuses) throws Exception {
        int sent = 0;
        for (int i = 0; i < 300; i++) {
            String v = values.next();
            List<org.springframework.test.web.servlet.RequestBuilder> requests = List.of(
                    get("/api/v1/services").param("namespace", v).param("q", "a"),
                    get("/api/v1/services").param("q", v),
                    get("/api/v1/namespaces/{ns}/services/fleetman-webapp", v),
                    get("/api/v1/namespaces/default/services/{name}", v),
                    get("/api/v1/namespaces/default/services/{name}/history", v),
                    post("/api/v1/namespaces/default/services/fleetman-webapp/history/{rev}/rollback", v),
                    post("/api/v1/namespaces/default/services/fleetman-webapp/history/1/rollback")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"baseVersion\":" + JSON.writeValueAsString(v) + "}"),
                    delete("/api/v1/namespaces/{ns}/services/fleetman-webapp/routing", v));
            for (var request : requests) {
                var before = snapshot();
                MockHttpServletResponse answer = Send.perform(mvc, request, "other input " + i + ": " + Shown.of(v));
                statuses.merge("other " + answer.getStatus(), 1, Integer::sum);
                judge(answer, "seed " + SEED + ", other input " + i + ": " + Shown.of(v) + " answered "
                        + answer.getStatus());
                if (answer.getStatus() == 200) {
                    restore();
                } else {
                    assertThat(routing(snapshot(), answer.getStatus() == 409)).isEqualTo(
                            routing(before, answer.getStatus() == 409));
                }
                sent++;
            }
        }
        return sent;
    }

    private static void judge(MockHttpServletResponse answer, String where) throws Exception {
        String text = answer.getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer.getStatus()).as(where + "\n" + Shown.of(text)).isLessThan(500);
        String type = answer.getContentType() == null ? "" : answer.getContentType();
        JsonNode body;
        if (type.contains("yaml")) {
            body = answer.getStatus() == 200 ? JSON.createObjectNode()
                    : JSON.valueToTree(new org.yaml.snakeyaml.Yaml().<Object>load(text));
        } else {
            assertThat(type).as(where + ": neither JSON nor YAML: " + Shown.of(text)).contains("json");
            body = JSON.readTree(text);
        }
        JsonNode diagnostics = body.isArray() ? JSON.createArrayNode() : body.path("diagnostics");
        if (answer.getStatus() >= 400) {
            assertThat(diagnostics.size()).as(where + ": an error answer without diagnostics: " + text).isPositive();
        }
        for (JsonNode d : diagnostics) {
            if ("ERROR".equals(d.path("severity").asString())) {
                assertThat(d.path("path").asString()).as(where + ": an error without its field: " + d).isNotBlank();
                assertThat(d.path("message").asString()).as(where + ": an error without a message: " + d)
                        .isNotBlank();
            }
        }
    }


}
