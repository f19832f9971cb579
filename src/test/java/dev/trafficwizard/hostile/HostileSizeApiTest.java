package dev.trafficwizard.hostile;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Property-based size attacks on the REST API (#12 finding 3): plans with too many rules, match
 * entries, headers, query parameters, destinations, hosts, gateway hosts or conditions over all
 * rules (seeded counts from just
 * over the limit to what a 256 KiB body holds), too long values, and bodies over the size limit.
 * Each is answered with a 4xx whose error names the field, a preview renders no YAML, and an apply
 * writes nothing.
 */
class HostileSizeApiTest extends HostileInputTestBase {

    static final String PREVIEW = "/api/v1/routing/preview";
    static final String APPLY = "/api/v1/routing/apply";

    /** One attack: the field it fills, its limit, and the plan with {@code n} entries there. */
    record Attack(String path, int limit, IntFunction<String> plan) {
    }

    static String plan(String hosts, String gateway, String rules) {
        return "{\"namespace\":\"default\",\"service\":\"fleetman-webapp\"" + hosts + gateway + ",\"rules\":["
                + rules + "{\"route\":[{\"version\":\"original\"}]}]}";
    }

    static String times(int n, IntFunction<String> one) {
        return IntStream.range(0, n).mapToObj(one).collect(Collectors.joining(","));
    }

    static String matchRule(String matches) {
        return "{\"match\":[" + matches + "],\"route\":[{\"version\":\"experimental\"}]},";
    }

    static final List<Attack> ATTACKS = List.of(
            new Attack("rules", 50, n -> plan("", "", times(n, i -> matchRule("{\"uri\":{\"prefix\":\"/p" + i
                    + "\"}}")) + ",").replace(",,", ",")),
            new Attack("rules[0].match", 20, n -> plan("", "", matchRule(times(n, i -> "{\"uri\":{\"prefix\":\"/p"
                    + i + "\"}}")))),
            new Attack("rules[0].match[0].headers", 20, n -> plan("", "", matchRule("{\"headers\":{"
                    + times(n, i -> "\"x-h" + i + "\":{\"exact\":\"v\"}") + "}}"))),
            new Attack("rules[0].match[0].queryParams", 20, n -> plan("", "", matchRule("{\"queryParams\":{"
                    + times(n, i -> "\"q" + i + "\":{\"exact\":\"v\"}") + "}}"))),
            new Attack("rules[0].route", 20, n -> plan("", "", "{\"match\":[{\"uri\":{\"prefix\":\"/x\"}}],\"route\":["
                    + times(n, i -> "{\"version\":\"v" + i + "\",\"weight\":1}") + "]},")),
            new Attack("hosts", 50, n -> plan(",\"hosts\":[" + times(n, i -> "\"h" + i + ".example.com\"") + "]", "",
                    "")),
            new Attack("gateway.hosts", 50, n -> plan("", ",\"gateway\":{\"name\":\"gw\",\"create\":true,\"hosts\":["
                    + times(n, i -> "\"h" + i + ".example.com\"") + "]}", "")),
            new Attack("rules[0].match[0].headers.x-a", 1024, n -> plan("", "", matchRule(
                    "{\"headers\":{\"x-a\":{\"regex\":\"" + "a".repeat(n) + "\"}}}"))),
            new Attack("service", 253, n -> plan("", "", "").replace("fleetman-webapp", "s".repeat(n))),
            new Attack("rules", 500, HostileSizeApiTest::conditions));

    /** {@code n} header conditions (at most 49 x 20 x 20), 20 to a match entry and 20 entries to a rule. */
    static String conditions(int n) {
        int total = Math.min(n, 49 * 20 * 20);
        StringBuilder rules = new StringBuilder();
        for (int r = 0; r * 400 < total; r++) {
            int inRule = Math.min(400, total - r * 400);
            int rule = r;
            rules.append(matchRule(times((inRule + 19) / 20, e -> "{\"headers\":{"
                    + times(Math.min(20, inRule - e * 20),
                    h -> "\"x-" + rule + "-" + e + "-" + h + "\":{\"exact\":\"v\"}") + "}}")));
        }
        return plan("", "", rules.toString());
    }

    @Test
    void everySizeAttackIsRefusedAtItsFieldAndWritesNothing() throws Exception {
        Random random = new Random(SEED + 3);
        Map<String, Integer> answers = new TreeMap<>();
        for (Attack attack : ATTACKS) {
            for (int round = 0; round < 4; round++) {
                String body = body(attack, round, random);
                for (String endpoint : List.of(PREVIEW, APPLY)) {
                    var before = snapshot();
                    MockHttpServletResponse answer = Send.perform(mvc, post(endpoint)
                            .contentType(MediaType.APPLICATION_JSON).content(body), attack.path());
                    String where = "seed " + SEED + ": " + endpoint + " " + attack.path() + " round " + round + " ("
                            + body.length() + " bytes) answered " + answer.getStatus();
                    answers.merge(answer.getStatus() + " " + endpoint.substring(16), 1, Integer::sum);
                    assertThat(answer.getStatus()).as(where).isBetween(400, 499);
                    JsonNode json = HostileApiInputTest.JSON.readTree(
                            answer.getContentAsString(StandardCharsets.UTF_8));
                    String code = answer.getStatus() == 413 ? "BODY_TOO_LARGE"
                            : attack.limit() == 1024 || attack.limit() == 253 ? "TOO_LONG"
                            : attack.limit() == 500 ? "TOO_MANY_CONDITIONS" : "TOO_MANY";
                    String path = answer.getStatus() == 413 ? "body" : attack.path();
                    assertThat(json.path("diagnostics").findValuesAsString("path")).as(where + ": " + json)
                            .containsExactly(path);
                    assertThat(json.path("diagnostics").findValuesAsString("code")).as(where).containsExactly(code);
                    assertThat(json.path("yaml").asString("")).as(where + ": rendered YAML").isEmpty();
                    assertThat(snapshot()).as(where + ": refused but wrote").isEqualTo(before);
                }
            }
        }
        System.out.println("size attacks on the API answered " + answers);
        assertThat(answers).containsKeys("422 preview", "422 apply", "413 preview", "413 apply");
    }

    /** Just over the limit, a seeded count up to 30 times it, thousands, and a count whose body is over 256 KiB. */
    private static String body(Attack attack, int round, Random random) {
        int over = attack.limit() + 1;
        return switch (round) {
            case 0 -> attack.plan().apply(over);
            case 1 -> attack.plan().apply(over + random.nextInt(attack.limit() * 29));
            case 2 -> attack.plan().apply(attack.limit() > 100 ? 200_000 : 4_000);
            default -> attack.plan().apply(attack.limit() > 100 ? 300_000 : 10_000);
        };
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        String body = plan("", "", "").replace("}]}]}", "}]}],\"padding\":\"" + "x".repeat(300 * 1024) + "\"}");
        for (String endpoint : List.of(PREVIEW, APPLY)) {
            var before = snapshot();
            MockHttpServletResponse answer = Send.perform(mvc, post(endpoint).contentType(MediaType.APPLICATION_JSON)
                    .content(body), "300 KiB body");
            assertThat(answer.getStatus()).isEqualTo(413);
            assertThat(answer.getContentAsString(StandardCharsets.UTF_8)).contains("\"code\":\"BODY_TOO_LARGE\"")
                    .contains("\"path\":\"body\"").contains("256 KiB");
            assertThat(snapshot()).isEqualTo(before);
        }
    }
}
