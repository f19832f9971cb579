package dev.trafficwizard.hostile;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.LinkedMultiValueMap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Size attacks through the page forms (#12 finding 3): thousands of paths in one URI row, of
 * hosts or gateway hosts, very long values, rows far beyond the form's 50, and a body over the
 * limit. Never a 5xx; the error is shown beside its field; an apply writes nothing.
 */
class HostileSizeFormTest extends HostileInputTestBase {

    /** One attack: the form, the field it fills with {@code n} entries, and the field the error names. */
    record Attack(String kind, Map<String, String> extra, String field, int limit, String separator,
                  String errorField, String code) {
    }

    static final List<Attack> ATTACKS = List.of(
            new Attack("uri", Map.of(), "rules[0].value", 20, ",", "rules[0].match", "TOO_MANY"),
            new Attack("uri", Map.of(), "hosts", 50, " ", "hosts", "TOO_MANY"),
            new Attack("uri", Map.of("exposure", "new"), "gatewayHosts", 50, ",", "gateway.hosts", "TOO_MANY"),
            new Attack("header", Map.of(), "rules[0].value", 1024, "", "rules[0].match[0].headers.x-canary",
                    "TOO_LONG"),
            new Attack("header", Map.of("sticky", "header"), "stickyHeader", 1024, "", "stickySession.httpHeaderName",
                    "TOO_LONG"));

    @Test
    void sizeAttacksThroughTheFormsAreShownAtTheirFieldAndWriteNothing() throws Exception {
        Random random = new Random(SEED + 4);
        for (Attack attack : ATTACKS) {
            for (int n : List.of(attack.limit() + 1, attack.limit() + 1 + random.nextInt(attack.limit() * 50), 5_000)) {
                String value = attack.separator().isEmpty() ? "a".repeat(n)
                        : IntStream.range(0, n).mapToObj(i -> attack.field().contains("osts") ? "h" + i + ".example.com"
                        : "/p" + i).collect(Collectors.joining(attack.separator()));
                for (String action : List.of("preview", "apply")) {
                    var before = snapshot();
                    String body = send(attack.kind(), action, Map.of(attack.field(), value), attack.extra());
                    String where = "seed " + SEED + ": " + attack.kind() + "/" + action + " " + attack.field()
                            + " x" + n;
                    assertThat(body).as(where).containsPattern("data-code=\"" + attack.code() + "\"[^>]*data-field=\""
                            + java.util.regex.Pattern.quote(attack.errorField()) + "\"[^>]*data-severity=\"ERROR\"");
                    assertThat(body).as(where + ": applied").doesNotContain("alert-success");
                    assertThat(snapshot()).as(where + ": refused but wrote").isEqualTo(before);
                }
            }
        }
    }

    @Test
    void rowsBeyondTheFormsFiftyAreNotBound() throws Exception {
        var rows = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < 2_000; i++) {
            rows.put("rules[" + i + "].name", "x-h" + i);
            rows.put("rules[" + i + "].value", "v");
            rows.put("rules[" + i + "].version", "experimental");
        }
        var before = snapshot();
        String body = send("header", "apply", rows, Map.of());
        assertThat(body).doesNotContain("x-h50").doesNotContain("alert-success");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFormBodyOverTheLimitIsRefusedWithAMessageAtTheBody() throws Exception {
        var before = snapshot();
        // posted as a browser does: an urlencoded body with its Content-Length
        var params = new java.util.LinkedHashMap<>(Forms.valid().get("uri"));
        params.put("rules[0].value", "/" + "x".repeat(300 * 1024));
        String form = params.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        MockHttpServletResponse answer = Send.perform(mvc, post("/services/default/fleetman-webapp/uri/apply")
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED).content(form)
                .header("HX-Request", "true"), "300 KiB form");
        assertThat(answer.getStatus()).isEqualTo(413);
        assertThat(answer.getContentAsString(StandardCharsets.UTF_8)).contains("data-code=\"BODY_TOO_LARGE\"")
                .contains("data-field=\"body\"").contains("256 KiB");
        assertThat(snapshot()).isEqualTo(before);
    }

    private String send(String kind, String action, Map<String, String> fields, Map<String, String> extra)
            throws Exception {
        MockHttpServletResponse answer = answer(kind, action, fields, extra);
        assertThat(answer.getStatus()).as(kind + "/" + action).isLessThan(500);
        return answer.getContentAsString(StandardCharsets.UTF_8);
    }

    private MockHttpServletResponse answer(String kind, String action, Map<String, String> fields,
                                           Map<String, String> extra) {
        var params = new LinkedMultiValueMap<String, String>();
        Forms.valid().get(kind).forEach(params::add);
        extra.forEach(params::set);
        fields.forEach(params::set);
        String url = "/services/default/fleetman-webapp/" + kind + "/" + action;
        return Send.perform(mvc, post(url).params(params).header("HX-Request", "true"), url + " " + fields.keySet());
    }
}
