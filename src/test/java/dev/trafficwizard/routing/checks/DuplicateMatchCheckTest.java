package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.WARNING;
import static dev.trafficwizard.routing.checks.Fixtures.*;

class DuplicateMatchCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("different matches", webapp(null, when(uri(prefix("/canary")), "experimental"),
                        when(header("x-my-header", exact("canary")), "experimental"), otherwise("original")),
                        context(WEBAPP)),
                passes("same entry twice in one rule", webapp(null, when(List.of(uri(prefix("/canary")),
                        uri(prefix("/canary"))), "experimental"), otherwise("original")), context(WEBAPP)),
                passes("same path, different match kind", webapp(null, when(uri(prefix("/canary")), "experimental"),
                        when(uri(exact("/canary")), "original"), otherwise("original")), context(WEBAPP)),
                fails("header match repeated in a later rule", webapp(null,
                        when(header("x-my-header", exact("canary")), "experimental"),
                        when(List.of(uri(prefix("/canary")), header("x-my-header", exact("canary"))), "original"),
                        otherwise("original")), context(WEBAPP), "DUPLICATE_MATCH", WARNING, "rules[1].match[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new DuplicateMatchCheck(), plan, context, code, severity, path);
    }
}
