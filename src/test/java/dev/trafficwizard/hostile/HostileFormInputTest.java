package dev.trafficwizard.hostile;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.LinkedMultiValueMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Property-based: generated hostile values through every field of every page form (routing forms,
 * simulator, review sharing, take-over, services search, login, language) as an administrator,
 * who may write anything. Whatever comes in: never a 5xx, no script payload reflected as markup,
 * every error shown names its field, and an answer that did not apply wrote nothing.
 */
class HostileFormInputTest extends HostileInputTestBase {

    static final int INPUTS = 7_000;

    private static final Pattern DIAGNOSTIC = Pattern.compile("<[^>]*\\bdata-code=\"[^\"]*\"[^>]*>");
    private static final Pattern UNESCAPED_SCRIPT = Pattern.compile(
            "<script>" + HostileValues.SCRIPT_MARK + "|<img src=x onerror=|<svg onload=" + HostileValues.SCRIPT_MARK);


    enum Check { PREVIEW, WRITE, READ }

    /** One field of one form: where it is posted, the valid values around it, how to judge the answer. */
    record Probe(String method, String url, Map<String, String> base, String field, Check check) {
    }

    @Test
    void hostileValuesInEveryFormField() throws Exception {
        List<Probe> probes = probes();
        HostileValues values = new HostileValues(SEED);
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < INPUTS; i++) {
            Probe probe = probes.get(i % probes.size());
            String value = values.next();
            var before = probe.check() == Check.WRITE ? snapshot() : null;
            MockHttpServletResponse answer = send(probe, value);
            String body = answer.getContentAsString(StandardCharsets.UTF_8);
            String where = "seed " + SEED + ", input " + i + ": " + probe.method() + " " + probe.url() + " "
                    + probe.field() + "=" + Shown.of(value) + " answered " + answer.getStatus();
            statuses.merge(probe.check() + " " + answer.getStatus(), 1, Integer::sum);

            assertThat(answer.getStatus()).as(where + "\n" + Shown.of(body)).isLessThan(500);
            assertThat(UNESCAPED_SCRIPT.matcher(body).find()).as(where + ": script payload reflected as markup")
                    .isFalse();
            everyErrorNamesItsField(body, where);
            if (answer.getStatus() == 400) {
                assertThat(body).as(where + ": a bad request names its field").contains("id=\"bad-fields\"");
            }
            if (probe.check() == Check.WRITE) {
                if (wrote(body)) {
                    statuses.merge("written", 1, Integer::sum);
                    writtenOnlyForValidInput(probe, value, where);
                    restore();
                } else {
                    statuses.merge("refused, nothing written", 1, Integer::sum);
                    assertThat(routing(snapshot(), conflict(body))).as(where + ": refused but wrote")
                            .isEqualTo(routing(before, conflict(body)));
                }
            }
        }
        System.out.println("hostile form inputs: " + INPUTS + " over " + probes.size() + " fields, answers " + statuses);
        assertThat(statuses).as("the generator reached both accepted and refused writes")
                .containsKeys("written", "refused, nothing written");
    }

    /** What was applied or shared must be what the preview of the same form calls free of errors. */
    private void writtenOnlyForValidInput(Probe probe, String value, String where) throws Exception {
        String url = probe.url().replaceAll("/(apply|review)$", "/preview");
        assertThat(url).as(where).endsWith("/preview");
        String preview = send(new Probe("POST", url, probe.base(), probe.field(), Check.PREVIEW), value)
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(preview).as(where + ": written although the preview shows errors")
                .doesNotContain("data-severity=\"ERROR\"");
    }

    private MockHttpServletResponse send(Probe probe, String value) throws Exception {
        var params = new LinkedMultiValueMap<String, String>();
        probe.base().forEach(params::add);
        MockHttpServletRequestBuilder request;
        if (probe.field().startsWith("{")) {
            // a path variable: the URL template is expanded (and encoded) with the value
            request = probe.method().equals("GET") ? get(probe.url(), value) : post(probe.url(), value);
        } else {
            params.set(probe.field().split(" ")[0], value);
            request = probe.method().equals("GET") ? get(probe.url()) : post(probe.url());
        }
        return Send.perform(mvc, request.params(params).header("HX-Request", "true"),
                probe.method() + " " + probe.url() + " " + probe.field() + "=" + Shown.of(value));
    }

    /** Every error shown carries the field it is about, so the page shows it beside that field. */
    private static void everyErrorNamesItsField(String body, String where) {
        Matcher m = DIAGNOSTIC.matcher(body);
        while (m.find()) {
            String tag = m.group();
            if (tag.contains("data-severity=\"ERROR\"")) {
                assertThat(tag).as(where + ": an error without its field").containsPattern("data-field=\"[^\"]+\"");
            }
        }
    }

    private static boolean conflict(String body) {
        return body.contains("data-outcome=\"conflict\"");
    }

    private static boolean wrote(String body) {
        return body.contains("alert-success") || body.contains("id=\"review-url\"");
    }


    static List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        Map<String, Map<String, String>> forms = Forms.valid();
        forms.forEach((kind, base) -> {
            String service = kind.equals("weighted") ? "fleetman-staff-service" : "fleetman-webapp";
            String root = "/services/default/" + service + "/" + kind;
            for (Map.Entry<String, Map<String, String>> field : Forms.fields(kind).entrySet()) {
                Map<String, String> around = new LinkedHashMap<>(base);
                around.putAll(field.getValue());
                probes.add(new Probe("POST", root + "/preview", around, field.getKey(), Check.PREVIEW));
                probes.add(new Probe("POST", root + "/apply", around, field.getKey(), Check.WRITE));
                if (field.getKey().hashCode() % 3 == 0) {
                    probes.add(new Probe("POST", root + "/review", around, field.getKey(), Check.WRITE));
                }
            }
            for (String sim : Forms.SIMULATOR) {
                Map<String, String> around = new LinkedHashMap<>(base);
                around.putAll(Forms.simulatorDefaults());
                probes.add(new Probe("POST", root + "/simulate", around, sim, Check.READ));
            }
            if (kind.equals("header")) {
                // a backtracking regex meets a long header in the simulator, whichever side is hostile
                Map<String, String> regex = new LinkedHashMap<>(base);
                regex.putAll(Forms.simulatorDefaults());
                regex.put("rules[0].op", "regex");
                regex.put("rules[0].value", "(a+)+$");
                probes.add(new Probe("POST", root + "/simulate", regex, "simHeaders", Check.READ));
                regex.put("simHeaders", "x-canary: " + "a".repeat(5_000) + "!");
                probes.add(new Probe("POST", root + "/simulate", regex, "rules[0].value", Check.READ));
            }
            probes.add(new Probe("GET", root, Map.of(), "revision", Check.READ));
        });
        for (String sim : Forms.SIMULATOR) {
            probes.add(new Probe("POST", "/services/default/fleetman-webapp/simulate", Forms.simulatorDefaults(), sim,
                    Check.READ));
        }
        probes.add(new Probe("POST", "/services/bookinfo/reviews/take-over", Map.of(), "baseVersion", Check.WRITE));
        for (String param : List.of("namespace", "q", "page", "lang")) {
            probes.add(new Probe("GET", "/services", Map.of("namespace", "default", "q", "fleet", "page", "0"), param,
                    Check.READ));
        }
        probes.add(new Probe("GET", "/services/{namespace}/fleetman-webapp", Map.of(), "{namespace}", Check.READ));
        probes.add(new Probe("GET", "/services/default/{name}", Map.of(), "{name}", Check.READ));
        probes.add(new Probe("GET", "/services/default/{name}/history", Map.of(), "{name}", Check.READ));
        probes.add(new Probe("GET", "/reviews/{id}", Map.of(), "{id}", Check.READ));
        probes.add(new Probe("POST", "/login", Map.of("username", "admin", "password", "x"), "username", Check.READ));
        // not a real user: its failed logins must not throttle "admin" for the tests that share this context
        probes.add(new Probe("POST", "/login", Map.of("username", "hostile-probe", "password", "x"), "password", Check.READ));
        return probes;
    }
}
