package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.checks.Fixtures.*;

class RulesCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("match rule then catch-all", webapp(null,
                        when(uri(prefix("/canary")), "experimental"), otherwise("original")), context(WEBAPP)),
                fails("no rules", webapp(null), context(WEBAPP), "NO_RULES", ERROR, "rules"),
                fails("rule after the catch-all", webapp(null, otherwise("original"),
                        when(uri(prefix("/canary")), "experimental")), context(WEBAPP),
                        "UNREACHABLE_RULE", ERROR, "rules[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new RulesCheck(), plan, context, code, severity, path);
    }
}
