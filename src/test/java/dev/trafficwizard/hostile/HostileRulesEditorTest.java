package dev.trafficwizard.hostile;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.LinkedMultiValueMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * #16 the rules editor ({@code /services/{ns}/{name}/rules}) with hostile values in its number,
 * duration and text fields: huge numbers, digits other than 0-9, control characters, script payloads
 * and 10 000-character strings are refused with an error at the plan field the input fills (shown
 * beside it), never a 5xx, never reflected as markup; an apply of them writes nothing.
 */
class HostileRulesEditorTest extends HostileInputTestBase {

    static final String URL = "/services/default/fleetman-webapp/rules/";
    static final String SCRIPT = "<script>" + HostileValues.SCRIPT_MARK + "(1)</script>";
    static final List<String> NOT_NUMBERS = List.of("99999999999999999999999999999999", "٣", "５０", "1e309", "-1",
            "1\u00002", "\u001b[31m", SCRIPT, "9".repeat(10_000));
    static final List<String> NOT_DURATIONS = List.of("99999999999999999999999h", "٣s", "-5s", "1y", "1\u0000s", "1s\u0000x",
            SCRIPT, "1".repeat(10_000) + "s");
    static final List<String> NOT_TEXT = List.of("a\u0000b", "a\u0007b", "\u007f", "x".repeat(10_000));

    /** A form field → the plan field its errors name (a prefix when ending with {@code *}). */
    static final Map<String, String> NUMBERS = new LinkedHashMap<>();
    static final Map<String, String> DURATIONS = new LinkedHashMap<>();
    static final Map<String, String> TEXTS = new LinkedHashMap<>();

    static {
        NUMBERS.put("editor[0].weight[0]", "rules[0].route[0].weight");
        NUMBERS.put("editor[1].weight[1]", "rules[1].route[1].weight");
        NUMBERS.put("editor[1].mirrorPercent", "rules[1].mirror.percent");
        NUMBERS.put("editor[1].delayPercent", "rules[1].fault.delay.percent");
        NUMBERS.put("editor[1].abortStatus", "rules[1].fault.abort.httpStatus");
        NUMBERS.put("editor[1].abortPercent", "rules[1].fault.abort.percent");
        NUMBERS.put("editor[1].retryAttempts", "rules[1].retries.attempts");
        NUMBERS.put("policies[0].consecutive5xx", "trafficPolicy.outlierDetection.consecutive5xxErrors");
        NUMBERS.put("policies[0].maxEjectionPercent", "trafficPolicy.outlierDetection.maxEjectionPercent");
        NUMBERS.put("policies[0].maxPending", "trafficPolicy.connectionPool.http.http1MaxPendingRequests");
        NUMBERS.put("policies[0].http2MaxRequests", "trafficPolicy.connectionPool.http.http2MaxRequests");
        NUMBERS.put("policies[0].maxRequestsPerConnection",
                "trafficPolicy.connectionPool.http.maxRequestsPerConnection");
        NUMBERS.put("policies[0].maxRetries", "trafficPolicy.connectionPool.http.maxRetries");
        NUMBERS.put("policies[1].maxConnections", "versionPolicies.experimental.connectionPool.tcp.maxConnections");
        NUMBERS.put("editor[0].match[0].conds[0].value (port)", "rules[0].match[0].port");
        DURATIONS.put("editor[1].timeout", "rules[1].timeout");
        DURATIONS.put("editor[1].perTryTimeout", "rules[1].retries.perTryTimeout");
        DURATIONS.put("editor[1].delayFixed", "rules[1].fault.delay.fixed");
        DURATIONS.put("policies[0].interval", "trafficPolicy.outlierDetection.interval");
        DURATIONS.put("policies[0].baseEjectionTime", "trafficPolicy.outlierDetection.baseEjectionTime");
        DURATIONS.put("policies[0].connectTimeout", "trafficPolicy.connectionPool.tcp.connectTimeout");
        TEXTS.put("editor[0].match[0].conds[0].value", "rules[0].match[0].headers.x-beta");
        TEXTS.put("editor[0].match[0].conds[0].value (uri)", "rules[0].match[0].uri");
        TEXTS.put("editor[0].match[0].conds[0].value (sourceLabel)", "rules[0].match[0].sourceLabels*");
        TEXTS.put("editor[0].match[0].conds[0].value (withoutHeader)", "rules[0].match[0].withoutHeaders*");
        TEXTS.put("editor[1].headerChanges[0].value", "rules[1].headers*");
        TEXTS.put("editor[1].headerChanges[0].name", "rules[1].headers*");
    }

    static final Map<String, Map<String, String>> AROUND = Map.of(
            "(port)", Map.of("editor[0].match[0].conds[0].field", "port", "editor[0].match[0].conds[0].op", "exact"),
            "(uri)", Map.of("editor[0].match[0].conds[0].field", "uri", "editor[0].match[0].conds[0].op", "prefix"),
            "(sourceLabel)", Map.of("editor[0].match[0].conds[0].field", "sourceLabel",
                    "editor[0].match[0].conds[0].name", "app"),
            "(withoutHeader)", Map.of("editor[0].match[0].conds[0].field", "withoutHeader"));

    @Test
    void hostileValuesInTheEditorsFieldsAreRefusedAtTheirField() throws Exception {
        var before = snapshot();
        assertThat(preview(Map.of())).as("the base form is valid").doesNotContain("data-severity=\"ERROR\"");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var group : List.of(Map.entry(NUMBERS, NOT_NUMBERS), Map.entry(DURATIONS, NOT_DURATIONS),
                Map.entry(TEXTS, NOT_TEXT))) {
            for (var field : group.getKey().entrySet()) {
                for (String value : group.getValue()) {
                    String body = preview(Map.of(field.getKey(), value));
                    checked++;
                    String path = field.getValue();
                    String fieldPattern = path.endsWith("*") ? Pattern.quote(path.substring(0, path.length() - 1))
                            + "[^\"]*" : Pattern.quote(path);
                    if (!Pattern.compile("data-field=\"" + fieldPattern + "\"[^>]*data-severity=\"ERROR\"")
                            .matcher(body).find()) {
                        failures.add(field.getKey() + "=" + Shown.of(value) + " → no error at " + path + "; errors: "
                                + errors(body));
                    }
                    assertThat(body).as(field.getKey() + "=" + Shown.of(value) + ": script reflected")
                            .doesNotContain(SCRIPT);
                }
            }
        }
        System.out.println("rules editor: " + checked + " hostile inputs, " + failures.size() + " without their error");
        assertThat(failures).as("inputs without an error at their field").isEmpty();
        for (String field : List.of("editor[1].abortStatus", "policies[1].maxConnections", "editor[1].timeout")) {
            String body = send("apply", Map.of(field, "٣"));
            assertThat(body).as(field + " applied").doesNotContain("alert-success");
        }
        assertThat(snapshot()).as("refused but wrote").isEqualTo(before);
    }

    @Test
    void rulesConditionsAndPoliciesBeyondTheFormsFiftyAreNotBound() {
        var before = snapshot();
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = 0; i < 1_000; i++) {
            rows.put("editor[" + i + "].timeout", "2s");
            rows.put("editor[0].match[" + i + "].conds[0].name", "x-m" + i);
            rows.put("editor[0].match[0].conds[" + i + "].name", "x-c" + i);
            rows.put("policies[" + i + "].scope", "v" + i);
        }
        String body = send("apply", rows);
        assertThat(body).doesNotContain("x-m50").doesNotContain("x-c50").doesNotContain("alert-success");
        assertThat(snapshot()).isEqualTo(before);
    }

    private String preview(Map<String, String> fields) {
        return send("preview", fields);
    }

    private String send(String action, Map<String, String> fields) {
        var params = new LinkedMultiValueMap<String, String>();
        Forms.rulesEditor().forEach(params::add);
        fields.forEach((name, value) -> {
            String[] parts = name.split(" ");
            if (parts.length > 1) {
                AROUND.get(parts[1]).forEach(params::set);
            }
            params.set(parts[0], value);
        });
        MockHttpServletResponse answer = Send.perform(mvc, post(URL + action).params(params)
                .header("HX-Request", "true"), action + " " + Shown.of(fields.toString()));
        assertThat(answer.getStatus()).as(action + " " + Shown.of(fields.toString())).isLessThan(500);
        try {
            return answer.getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> errors(String body) {
        List<String> out = new ArrayList<>();
        var m = Pattern.compile("data-code=\"([^\"]*)\"[^>]*data-field=\"([^\"]*)\"[^>]*data-severity=\"ERROR\"")
                .matcher(body);
        while (m.find()) {
            out.add(m.group(1) + "@" + m.group(2));
        }
        return out;
    }
}
