package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.Severity.WARNING;
import static dev.trafficwizard.routing.checks.Fixtures.*;
import static dev.trafficwizard.routing.checks.Fixtures16.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The match fields of #16: withoutHeaders, port and sourceLabels, in every check that reads matches. */
class MatchFieldsTest {

    static Stream<Arguments> matchCases() {
        return Stream.of(
                passes("only withoutHeaders (present)", webapp(null, when(without("x-beta", present()), "experimental"),
                        otherwise("original")), context(WEBAPP)),
                passes("withoutHeaders regex * means present", webapp(null, when(without("x-beta", regex("*")),
                        "experimental"), otherwise("original")), context(WEBAPP)),
                passes("only a port", webapp(null, when(port(8080), "experimental"), otherwise("original")),
                        context(WEBAPP)),
                passes("only source labels", webapp(null, when(from("app", "client"), "experimental"),
                        otherwise("original")), context(WEBAPP)),
                fails("withoutHeaders name with a space", webapp(null, when(without("x beta", present()),
                        "experimental"), otherwise("original")), context(WEBAPP), "INVALID_HEADER_NAME", ERROR,
                        "rules[0].match[0].withoutHeaders.x beta"),
                fails("withoutHeaders empty prefix", webapp(null, when(without("x-beta", prefix("")),
                        "experimental"), otherwise("original")), context(WEBAPP), "MATCH_VALUE", ERROR,
                        "rules[0].match[0].withoutHeaders.x-beta"),
                fails("withoutHeaders bad regex", webapp(null, when(without("x-beta", regex("a(")),
                        "experimental"), otherwise("original")), context(WEBAPP), "INVALID_REGEX", ERROR,
                        "rules[0].match[0].withoutHeaders.x-beta"),
                fails("withoutHeaders JWT claim in the mesh", webapp(null, when(without("@request.auth.claims.group",
                        exact("a")), "experimental"), otherwise("original")), context(WEBAPP), "JWT_CLAIM_IN_MESH", ERROR,
                        "rules[0].match[0].withoutHeaders.@request.auth.claims.group"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchCases")
    void matchCheck(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new MatchCheck(), plan, context, code, severity, path);
    }

    static Stream<Arguments> sourceCases() {
        return Stream.of(
                passes("ports 1 and 65535", webapp(null, when(List.of(port(1), port(65535)), "experimental"),
                        otherwise("original")), context(WEBAPP)),
                passes("prefixed label key, empty value", webapp(null, when(from("app.kubernetes.io/name", ""),
                        "experimental"), otherwise("original")), context(WEBAPP)),
                passes("63-character value", webapp(null, when(from("app", "a".repeat(63)), "experimental"),
                        otherwise("original")), context(WEBAPP)),
                fails("port 0", webapp(null, when(port(0), "experimental"), otherwise("original")), context(WEBAPP),
                        "PORT_RANGE", ERROR, "rules[0].match[0].port"),
                fails("port 65536", webapp(null, when(port(65536), "experimental"), otherwise("original")),
                        context(WEBAPP), "PORT_RANGE", ERROR, "rules[0].match[0].port"),
                fails("label key with a space", webapp(null, when(from("my app", "x"), "experimental"),
                        otherwise("original")), context(WEBAPP), "INVALID_LABEL", ERROR,
                        "rules[0].match[0].sourceLabels.my app"),
                fails("label key name over 63", webapp(null, when(from("a".repeat(64), "x"), "experimental"),
                        otherwise("original")), context(WEBAPP), "INVALID_LABEL", ERROR,
                        "rules[0].match[0].sourceLabels." + "a".repeat(64)),
                fails("label value ending in a dash", webapp(null, when(from("app", "client-"), "experimental"),
                        otherwise("original")), context(WEBAPP), "INVALID_LABEL", ERROR,
                        "rules[0].match[0].sourceLabels.app"),
                fails("source labels on a gateway", webapp(newGateway("fleetman.com"), List.of("fleetman.com"),
                        when(from("app", "client"), "experimental"), otherwise("original")), context(WEBAPP),
                        "SOURCE_LABELS_AT_GATEWAY", WARNING, "rules[0].match[0].sourceLabels"),
                fails("source labels on a gateway plus mesh", webapp(newGatewayWithMesh("fleetman.com"),
                        List.of("fleetman.com"), when(from("app", "client"), "experimental"), otherwise("original")),
                        context(WEBAPP), "SOURCE_LABELS_AT_GATEWAY", WARNING, "rules[0].match[0].sourceLabels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sourceCases")
    void sourceCheck(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new MatchSourceCheck(), plan, context, code, severity, path);
    }

    static Stream<Arguments> overlapCases() {
        return Stream.of(
                passes("same prefix on different ports is no duplicate", webapp(null,
                        when(prefixOnPort("/api", 8080), "experimental"), when(prefixOnPort("/api", 9090), "original"),
                        otherwise("original")), context(WEBAPP)),
                passes("wider prefix on another port does not cover", webapp(null,
                        when(prefixOnPort("/api", 8080), "experimental"), when(prefixOnPort("/api/v1", 9090), "original"),
                        otherwise("original")), context(WEBAPP)),
                fails("wider prefix on the same port covers", webapp(null,
                        when(prefixOnPort("/api", 8080), "experimental"), when(prefixOnPort("/api/v1", 8080), "original"),
                        otherwise("original")), context(WEBAPP), "INEFFECTIVE_MATCH", WARNING, "rules[1].match[0]"),
                passes("later entry also excludes a header", webapp(null,
                        when(uri(prefix("/api")), "experimental"),
                        when(new MatchCondition(prefix("/api/v1"), null, null, null, null,
                                Map.of("x-beta", present()), null, null), "original"),
                        otherwise("original")), context(WEBAPP)),
                fails("same port twice", webapp(null, when(List.of(port(8080), port(8080)), "experimental"),
                        otherwise("original")), context(WEBAPP), "DUPLICATE_MATCH", WARNING, "rules[0].match[1]"),
                passes("different source labels", webapp(null, when(List.of(from("app", "a"), from("app", "b")),
                        "experimental"), otherwise("original")), context(WEBAPP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlapCases")
    void duplicateCheck(String name, RoutingPlan plan, CheckContext context, String code, Severity severity,
                        String path) {
        verify(new DuplicateMatchCheck(), plan, context, code, severity, path);
    }

    @Test
    void withoutHeadersInTheMeshNeedPropagationToo() {
        verify(new HeaderPropagationCheck(), webapp(null, when(without("x-beta", present()), "experimental"),
                otherwise("original")), context(WEBAPP), "HEADER_PROPAGATION", WARNING,
                "rules[0].match[0].withoutHeaders.x-beta");
    }

    @Test
    void anEntryWithOnlyNewFieldsIsNoCatchAll() {
        RoutingPlan plan = webapp(null, when(port(8080), "experimental"), when(without("x-a", present()), "original"),
                when(from("app", "a"), "experimental"), otherwise("original"));
        List<Diagnostic> out = new ArrayList<>();
        new RulesCheck().check(plan, context(WEBAPP), out);
        new MatchCheck().check(plan, context(WEBAPP), out);
        assertThat(out).isEmpty();
        assertThat(MatchCheck.isEmpty(port(8080))).isFalse();
        assertThat(MatchCheck.isEmpty(from("app", "a"))).isFalse();
        assertThat(MatchCheck.isEmpty(without("x-a", present()))).isFalse();
    }
}
