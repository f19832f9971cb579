package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.checks.Fixtures.*;

class MatchCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                ok("uri prefixes /experimental or /canary", m(uri(prefix("/experimental")),
                        uri(prefix("/canary")))),
                ok("authority exact", m(authority(exact("experimental.fleetman.com")))),
                ok("header exact", m(header("x-my-header", exact("canary")))),
                ok("header present", m(header("x-my-header", present()))),
                ok("header exact empty value", m(header("x-my-header", exact("")))),
                ok("method GET", m(method(exact("GET")))),
                ok("method regex", m(method(regex("GET|HEAD")))),
                ok("query exact", m(query("canary", exact("true")))),
                ok("uri regex RE2 can run", m(uri(regex("/api/v[0-9]+/(users|staff)/.*")))),
                ok("escaped digits and classes are not backreferences", m(uri(regex("/a\\\\1[(?=]x")))),
                ok("all fields of one entry", m(new MatchCondition(prefix("/"), Map.of("x-a", present()),
                        exact("fleetman.com"), exact("POST"), Map.of("q", regex("[0-9]+"))))),
                bad("empty entry", m(new MatchCondition(null, null, null, null, null)),
                        "EMPTY_MATCH", ERROR, "rules[0].match[0]"),
                bad("exact and prefix", m(uri(new dev.trafficwizard.routing.StringMatch("/a", "/b", null))),
                        "MATCH_VALUE", ERROR, "rules[0].match[0].uri"),
                bad("uri without value", m(uri(present())), "MATCH_VALUE", ERROR, "rules[0].match[0].uri"),
                bad("authority without value", m(authority(present())), "MATCH_VALUE", ERROR,
                        "rules[0].match[0].authority"),
                bad("query param without value", m(query("canary", present())), "MATCH_VALUE", ERROR,
                        "rules[0].match[0].queryParams.canary"),
                bad("empty header prefix", m(header("x-my-header", prefix(""))), "MATCH_VALUE", ERROR,
                        "rules[0].match[0].headers.x-my-header"),
                bad("second entry of the second rule", plan(otherwise2(), List.of(uri(prefix("/canary")),
                        uri(present()))), "MATCH_VALUE", ERROR, "rules[1].match[1].uri"),
                ok("uppercase header name (Envoy ignores case)", m(header("X-My-Header", exact("canary")))),
                ok("pseudo-header :authority", m(header(":authority", exact("fleetman.com")))),
                ok("JWT claim at a gateway only", webapp(newGateway("*"), when(header("@request.auth.claims.group",
                        exact("beta")), "experimental"), otherwise("original"))),
                ok("RE2 reads a{,3} as literal text", m(uri(regex("/a{,3}")))),
                ok("RE2 repeat of 1000", m(uri(regex("a{1000}")))),
                bad("JWT claim in the mesh", m(header("@request.auth.claims.group", exact("beta"))),
                        "JWT_CLAIM_IN_MESH", ERROR, "rules[0].match[0].headers.@request.auth.claims.group"),
                bad("JWT claim at a gateway that includes the mesh", webapp(newGatewayWithMesh("*.fleetman.com"),
                        when(header("@request.auth.claims.group", exact("beta")), "experimental"),
                        otherwise("original")), "JWT_CLAIM_IN_MESH", ERROR,
                        "rules[0].match[0].headers.@request.auth.claims.group"),
                bad("unknown pseudo-header", m(header(":foo", exact("x"))), "INVALID_HEADER_NAME",
                        ERROR, "rules[0].match[0].headers.:foo"),
                bad("same header in two cases", m(new MatchCondition(null, Map.of("X-A", present(), "x-a",
                        exact("1")), null, null, null)), "DUPLICATE_HEADER", ERROR, "rules[0].match[0].headers.x-a"),
                bad("Java-only \\Z", m(header("x-foo", regex("abc\\Z"))), "RE2_UNSUPPORTED", ERROR,
                        "rules[0].match[0].headers.x-foo"),
                bad("Java-only \\h", m(uri(regex("/a\\h"))), "RE2_UNSUPPORTED", ERROR, "rules[0].match[0].uri"),
                bad("Java-only \\R", m(uri(regex("/a\\R"))), "RE2_UNSUPPORTED", ERROR, "rules[0].match[0].uri"),
                bad("Java-only (?x)", m(uri(regex("(?x) /a # comment"))), "RE2_UNSUPPORTED", ERROR,
                        "rules[0].match[0].uri"),
                bad("Java-only \\p{javaLowerCase}", m(uri(regex("/\\p{javaLowerCase}+"))), "RE2_UNSUPPORTED",
                        ERROR, "rules[0].match[0].uri"),
                bad("repeat over 1000", m(uri(regex("/a{1001}"))), "RE2_UNSUPPORTED", ERROR,
                        "rules[0].match[0].uri"),
                bad("empty header name", m(header("", exact("x"))), "INVALID_HEADER_NAME", ERROR,
                        "rules[0].match[0].headers."),
                bad("header name of 257 chars", m(header("x".repeat(257), present())), "INVALID_HEADER_NAME",
                        ERROR, "rules[0].match[0].headers." + "x".repeat(257)),
                bad("query param with a space", m(query("a b", exact("1"))), "INVALID_QUERY_PARAM", ERROR,
                        "rules[0].match[0].queryParams.a b"),
                bad("query param by prefix", m(query("user", prefix("test"))), "QUERY_PARAM_PREFIX", ERROR,
                        "rules[0].match[0].queryParams.user"),
                bad("lowercase method", m(method(exact("get"))), "INVALID_METHOD", ERROR,
                        "rules[0].match[0].method"),
                bad("uri exact without slash", m(uri(exact("canary"))), "INVALID_URI", ERROR,
                        "rules[0].match[0].uri"),
                bad("uri prefix empty", m(uri(prefix(""))), "INVALID_URI", ERROR, "rules[0].match[0].uri"),
                bad("regex does not compile", m(uri(regex("/api/(v1"))), "INVALID_REGEX", ERROR,
                        "rules[0].match[0].uri"),
                bad("empty regex", m(header("x-my-header", regex(""))), "MATCH_VALUE", ERROR,
                        "rules[0].match[0].headers.x-my-header"),
                bad("backreference", m(header("x-my-header", regex("(a)\\1"))), "RE2_UNSUPPORTED", ERROR,
                        "rules[0].match[0].headers.x-my-header"),
                bad("lookahead", m(uri(regex("/(?!admin).*"))), "RE2_UNSUPPORTED", ERROR,
                        "rules[0].match[0].uri"),
                bad("possessive quantifier", m(authority(regex("a++\\.fleetman\\.com"))), "RE2_UNSUPPORTED",
                        ERROR, "rules[0].match[0].authority"),
                ok("RE2 Unicode script class \\p{Greek}", m(header("x-a", regex("\\p{Greek}+")))),
                ok("RE2 Unicode category \\pL", m(uri(regex("/\\pL+")))),
                ok("nested repeats of 1000 in all", m(uri(regex("/((a{10}){10}){10}")))),
                bad("nested repeats over 1000 in all", m(header("x-a", regex("((a{100}){100}){100}"))),
                        "RE2_UNSUPPORTED", ERROR, "rules[0].match[0].headers.x-a"),
                ok("tab in a header value", m(header("x-a", exact("a\tb")))),
                bad("NUL in a header value", m(header("x-a", exact("a\u0000b"))), "CONTROL_CHARACTER", ERROR,
                        "rules[0].match[0].headers.x-a"),
                bad("CR LF in a header regex", m(header("x-a", regex("a\r\nb"))), "CONTROL_CHARACTER", ERROR,
                        "rules[0].match[0].headers.x-a"),
                bad("LF in a uri prefix", m(uri(prefix("/a\nb"))), "CONTROL_CHARACTER", ERROR, "rules[0].match[0].uri"),
                bad("tab in a uri", m(uri(exact("/a\tb"))), "CONTROL_CHARACTER", ERROR, "rules[0].match[0].uri"),
                bad("escape in an authority", m(authority(exact("a\u001b.com"))), "CONTROL_CHARACTER", ERROR,
                        "rules[0].match[0].authority"),
                bad("DEL in a method", m(method(exact("GET\u007f"))), "CONTROL_CHARACTER", ERROR,
                        "rules[0].match[0].method"),
                bad("NUL in a query value", m(query("q", exact("\u0000"))), "CONTROL_CHARACTER", ERROR,
                        "rules[0].match[0].queryParams.q"),
                bad("LF in a header name", m(header("x-a\nb", exact("1"))), "INVALID_HEADER_NAME", ERROR,
                        "rules[0].match[0].headers.x-a\nb"),
                bad("NUL in a JWT claim name", webapp(newGateway("*"), when(header("@request.auth.claims.a\u0000",
                        exact("beta")), "experimental"), otherwise("original")), "CONTROL_CHARACTER", ERROR,
                        "rules[0].match[0].headers.@request.auth.claims.a\u0000"),
                bad("value too long", m(header("x-my-header", exact("x".repeat(1025)))), "TOO_LONG", ERROR,
                        "rules[0].match[0].headers.x-my-header"));
    }

    /** A plan whose first rule routes matching requests to experimental, then original for the rest. */
    static RoutingPlan m(MatchCondition... match) {
        return webapp(null, when(List.of(match), "experimental"), otherwise("original"));
    }

    static RoutingPlan plan(Rule first, List<MatchCondition> second) {
        return webapp(null, first, when(second, "experimental"), otherwise("original"));
    }

    static Arguments ok(String name, RoutingPlan plan) {
        return passes(name, plan, context(WEBAPP));
    }

    static Arguments bad(String name, RoutingPlan plan, String code, Severity severity, String path) {
        return fails(name, plan, context(WEBAPP), code, severity, path);
    }

    static Rule otherwise2() {
        return when(header("x-my-header", exact("canary")), "experimental");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new MatchCheck(), plan, context, code, severity, path);
    }
}
