package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
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
                        "UNREACHABLE_RULE", ERROR, "rules[1]"),
                fails("second catch-all", webapp(null, otherwise("original"), otherwise("experimental")),
                        context(WEBAPP), "UNREACHABLE_RULE", ERROR, "rules[1]"),
                fails("every condition used by earlier rules (Istio: IST0130)", webapp(null,
                        when(uri(prefix("/canary")), "experimental"), when(header("x-a", exact("1")), "experimental"),
                        when(List.of(header("x-a", exact("1")), uri(prefix("/canary"))), "original"),
                        otherwise("original")), context(WEBAPP), "UNREACHABLE_RULE", ERROR, "rules[2]"),
                passes("one condition new, one used before", webapp(null,
                        when(uri(prefix("/canary")), "experimental"),
                        when(List.of(uri(prefix("/canary")), uri(prefix("/beta"))), "original"),
                        otherwise("original")), context(WEBAPP)),
                passes("covered by a wider prefix: ineffective, not unreachable (as Istio)", webapp(null,
                        when(uri(prefix("/api")), "experimental"), when(uri(prefix("/api/v1")), "original"),
                        otherwise("original")), context(WEBAPP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new RulesCheck(), plan, context, code, severity, path);
    }
}
