package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.TargetService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.Severity.WARNING;
import static dev.trafficwizard.routing.checks.Fixtures.*;

class RouteCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("90/10", webapp9010(), context(WEBAPP)),
                passes("lone version without weight", webapp(null, otherwise(to("original", null))), context(WEBAPP)),
                fails("sum 105", webapp(null, otherwise(to("original", 95), to("experimental", 10))),
                        context(WEBAPP), "WEIGHT_SUM", ERROR, "rules[0].route"),
                fails("weight above 100", webapp(null, otherwise(to("original", 110), to("experimental", -10))),
                        context(WEBAPP), "WEIGHT_RANGE", ERROR, "rules[0].route[0].weight"),
                fails("missing weight", webapp(null, otherwise(to("original", 100), to("experimental", null))),
                        context(WEBAPP), "WEIGHT_REQUIRED", ERROR, "rules[0].route[1].weight"),
                fails("unknown version in a match rule", webapp(null, when(uri(prefix("/canary")), "canary"),
                        otherwise("original")), context(WEBAPP), "UNKNOWN_VERSION", ERROR, "rules[0].route[0].version"),
                fails("duplicate version", webapp(null, otherwise(to("original", 50), to("original", 50))),
                        context(WEBAPP), "DUPLICATE_VERSION", ERROR, "rules[0].route[1].version"),
                fails("no destinations", webapp(null, new Rule(List.of(), List.of())), context(WEBAPP),
                        "NO_DESTINATIONS", ERROR, "rules[0].route"),
                fails("traffic to a version without ready pods", webapp9010(), context(new TargetService("default",
                        "fleetman-webapp", "version", List.of(new TargetService.ServiceVersion("original", 2, 2),
                        new TargetService.ServiceVersion("experimental", 0, 1)))),
                        "NO_READY_PODS", WARNING, "rules[0].route[1].version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new RouteCheck(), plan, context, code, severity, path);
    }
}
