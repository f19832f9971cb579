package dev.trafficwizard.hostile;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Input that must not pass (#12 finding 8), through the API and the forms: control characters in
 * match values, regexes RE2 refuses for nested repetition, numbers in other digits than 0-9. Each is
 * refused at its field and nothing is written; RE2's Unicode classes pass.
 */
class HostileCharactersTest extends HostileInputTestBase {

    static String plan(String match) {
        return "{\"namespace\":\"default\",\"service\":\"fleetman-webapp\",\"rules\":[{\"match\":[" + match
                + "],\"route\":[{\"version\":\"experimental\"}]},{\"route\":[{\"version\":\"original\"}]}]}";
    }

    static String json(String text) throws Exception {
        return HostileApiInputTest.JSON.writeValueAsString(text);
    }

    /** Every C0 control character and DEL, alone and inside text, in every string match of a request. */
    @Test
    void controlCharactersInMatchValuesAreRefusedAtTheirField() throws Exception {
        for (int c = 0; c <= 0x7f; c = c == 0x1f ? 0x7f : c + 1) {
            String value = "a" + (char) c + "b";
            Map<String, String> fields = Map.of(
                    "rules[0].match[0].headers.x-a", "{\"headers\":{\"x-a\":{\"exact\":" + json(value) + "}}}",
                    "rules[0].match[0].queryParams.q", "{\"queryParams\":{\"q\":{\"regex\":" + json(value) + "}}}",
                    "rules[0].match[0].uri", "{\"uri\":{\"prefix\":" + json("/" + value) + "}}",
                    "rules[0].match[0].authority", "{\"authority\":{\"exact\":" + json(value + ".com") + "}}");
            for (var field : fields.entrySet()) {
                boolean tabInHeader = c == '\t' && field.getKey().contains("headers");
                apiRefuses(plan(field.getValue()), tabInHeader ? null : "CONTROL_CHARACTER", field.getKey(),
                        "U+" + String.format("%04X", c));
            }
        }
    }

    @Test
    void regexesRe2RefusesAreRefusedAndItsUnicodeClassesPass() throws Exception {
        for (String regex : List.of("((a{100}){100}){100}", "(a{2}){501}", "a{1001}")) {
            apiRefuses(plan("{\"headers\":{\"x-a\":{\"regex\":" + json(regex) + "}}}"), "RE2_UNSUPPORTED",
                    "rules[0].match[0].headers.x-a", "1000");
        }
        for (String regex : List.of("\\p{Greek}+", "\\pL+", "[\\p{Cyrillic}\\p{Han}]+", "(a{10}){100}")) {
            MockHttpServletResponse answer = preview(plan("{\"uri\":{\"regex\":" + json("/" + regex) + "}}"));
            assertThat(answer.getStatus()).as(regex + ": " + answer.getContentAsString(StandardCharsets.UTF_8))
                    .isEqualTo(200);
        }
    }

    @Test
    void numbersInOtherDigitsAreRefusedAtTheirField() throws Exception {
        for (String digits : List.of("٩٠", "５０", "९०", "9٠")) {
            apiRefuses("{\"namespace\":\"default\",\"service\":\"fleetman-staff-service\",\"rules\":[{\"route\":["
                    + "{\"version\":\"safe\",\"weight\":" + json(digits) + "},"
                    + "{\"version\":\"risky\",\"weight\":10}]}]}",
                    "INVALID_VALUE", "rules[0].route[0].weight", "0-9");
            formRefuses("weighted", Map.of("weight[0]", digits), "NOT_ASCII_NUMBER", "rules[0].route[0].weight");
            formRefuses("uri", Map.of("exposure", "new", "port", digits), "NOT_ASCII_NUMBER", "gateway.port");
            formRefuses("rules", Map.of("editor[1].abortStatus", digits), "NOT_ASCII_NUMBER",
                    "rules[1].fault.abort.httpStatus");
            formRefuses("rules", Map.of("policies[1].maxConnections", digits), "NOT_ASCII_NUMBER",
                    "versionPolicies.experimental.connectionPool.tcp.maxConnections");
        }
        var page = mvc.perform(get("/services/default/fleetman-webapp/header").param("revision", "١"))
                .andReturn().getResponse();
        assertThat(page.getStatus()).as(page.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(400);
        assertThat(mvc.perform(get("/api/v1/namespaces/default/services/fleetman-webapp/history/{r}/rollback", "١")
                .with(r -> { r.setMethod("POST"); return r; })).andReturn().getResponse().getStatus()).isEqualTo(400);
    }

    /** Preview and apply both refuse (code null: both accept, and the apply is undone). */
    private void apiRefuses(String body, String code, String path, String detail) throws Exception {
        for (String endpoint : List.of("/api/v1/routing/preview", "/api/v1/routing/apply")) {
            var before = snapshot();
            MockHttpServletResponse answer = Send.perform(mvc, post(endpoint).contentType(MediaType.APPLICATION_JSON)
                    .content(body), body);
            String text = answer.getContentAsString(StandardCharsets.UTF_8);
            String where = endpoint + " " + path + " " + detail + " answered " + answer.getStatus() + ": "
                    + Shown.of(text);
            if (code == null) {
                assertThat(answer.getStatus()).as(where).isEqualTo(200);
                restore();
                continue;
            }
            assertThat(answer.getStatus()).as(where).isBetween(400, 499);
            JsonNode diagnostics = HostileApiInputTest.JSON.readTree(text).path("diagnostics");
            assertThat(diagnostics.findValuesAsString("code")).as(where).contains(code);
            assertThat(diagnostics.findValuesAsString("path")).as(where).contains(path);
            assertThat(diagnostics.findValuesAsString("message").toString()).as(where).contains(detail);
            assertThat(snapshot()).as(where + ": refused but wrote").isEqualTo(before);
        }
    }

    private MockHttpServletResponse preview(String body) {
        return Send.perform(mvc, post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(body),
                body);
    }

    private void formRefuses(String kind, Map<String, String> fields, String code, String field) throws Exception {
        for (String action : List.of("preview", "apply")) {
            var params = new LinkedMultiValueMap<String, String>();
            Forms.valid().get(kind).forEach(params::add);
            fields.forEach(params::set);
            String service = kind.equals("weighted") ? "fleetman-staff-service" : "fleetman-webapp";
            var before = snapshot();
            String body = Send.perform(mvc, post("/services/default/" + service + "/" + kind + "/" + action)
                    .params(params).header("HX-Request", "true"), kind + " " + fields).getContentAsString(
                    StandardCharsets.UTF_8);
            assertThat(body).as(kind + "/" + action + " " + fields).containsPattern("data-code=\"" + code
                    + "\"[^>]*data-field=\"" + java.util.regex.Pattern.quote(field) + "\"");
            assertThat(body).doesNotContain("alert-success");
            assertThat(snapshot()).isEqualTo(before);
        }
    }
}
