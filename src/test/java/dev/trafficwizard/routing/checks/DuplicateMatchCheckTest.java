package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.trafficwizard.routing.MatchCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.WARNING;
import static dev.trafficwizard.routing.checks.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class DuplicateMatchCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("different matches", webapp(null, when(uri(prefix("/canary")), "experimental"),
                        when(header("x-my-header", exact("canary")), "experimental"), otherwise("original")),
                        context(WEBAPP)),
                fails("same entry twice in one rule (Istio: IST0131)", webapp(null, when(List.of(uri(prefix("/canary")),
                        uri(prefix("/canary"))), "experimental"), otherwise("original")), context(WEBAPP),
                        "DUPLICATE_MATCH", WARNING, "rules[0].match[1]"),
                passes("same path, different match kind", webapp(null, when(uri(prefix("/canary")), "experimental"),
                        when(uri(exact("/canary")), "original"), otherwise("original")), context(WEBAPP)),
                fails("header match repeated in a later rule", webapp(null,
                        when(header("x-my-header", exact("canary")), "experimental"),
                        when(List.of(uri(prefix("/canary")), header("x-my-header", exact("canary"))), "original"),
                        otherwise("original")), context(WEBAPP), "DUPLICATE_MATCH", WARNING, "rules[1].match[1]"),
                fails("/api prefix before /api/v1", webapp(null, when(uri(prefix("/api")), "experimental"),
                        when(uri(prefix("/api/v1")), "original"), otherwise("original")), context(WEBAPP),
                        "INEFFECTIVE_MATCH", WARNING, "rules[1].match[0]"),
                fails("wider prefix earlier in the same rule", webapp(null,
                        when(List.of(uri(prefix("/api/v1/product")), uri(prefix("/api/v1/products"))), "experimental"),
                        otherwise("original")), context(WEBAPP), "INEFFECTIVE_MATCH", WARNING, "rules[0].match[1]"),
                passes("/api/v1 prefix before /api: the narrower first", webapp(null,
                        when(uri(prefix("/api/v1")), "experimental"), when(uri(prefix("/api")), "original"),
                        otherwise("original")), context(WEBAPP)),
                passes("wider prefix, but the later one also needs a header", webapp(null,
                        when(uri(prefix("/api")), "experimental"),
                        when(new MatchCondition(prefix("/api/v1"), Map.of("x-canary", exact("1")), null, null, null),
                                "original"), otherwise("original")), context(WEBAPP)),
                passes("wider prefix for GET, later one for POST", webapp(null,
                        when(uri(prefix("/api")), "experimental"),
                        when(new MatchCondition(prefix("/api/v1"), null, null, exact("POST"), null), "original"),
                        otherwise("original")), context(WEBAPP)),
                fails("wider prefix with no method before GET (Istio reads no method as GET)", webapp(null,
                        when(uri(prefix("/api")), "experimental"),
                        when(new MatchCondition(prefix("/api/v1"), null, null, exact("GET"), null), "original"),
                        otherwise("original")), context(WEBAPP), "INEFFECTIVE_MATCH", WARNING, "rules[1].match[0]"),
                passes("exact path under an earlier prefix (Istio compares prefixes only)", webapp(null,
                        when(uri(prefix("/api")), "experimental"), when(uri(exact("/api/v1")), "original"),
                        otherwise("original")), context(WEBAPP)));
    }

    @Test
    void aFindingNamesTheRulesAndConditionsAndPrefixes() {
        List<Diagnostic> out = new ArrayList<>();
        new DuplicateMatchCheck().check(webapp(null, when(uri(prefix("/api")), "experimental"),
                when(List.of(uri(prefix("/api")), uri(prefix("/api/v1"))), "original"), otherwise("original")),
                context(WEBAPP), out);
        assertThat(out).extracting(Diagnostic::code, Diagnostic::path, Diagnostic::args).containsExactly(
                tuple("DUPLICATE_MATCH", "rules[1].match[0]", List.of(2, 1, 1, 1)),
                tuple("INEFFECTIVE_MATCH", "rules[1].match[1]", List.of(2, 2, 1, 1, "/api", "/api/v1")));
        assertThat(DiagnosticCode.INEFFECTIVE_MATCH.istioCode()).isEqualTo("IST0131");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new DuplicateMatchCheck(), plan, context, code, severity, path);
    }
}
