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

class ServiceCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("existing service", webapp9010(), context(WEBAPP)),
                fails("unknown service", webapp9010(), context(null), "UNKNOWN_SERVICE", ERROR, "service"),
                fails("bad namespace", new RoutingPlan("Default!", "fleetman-webapp", null, null,
                        List.of(otherwise("original")), null), context(WEBAPP), "INVALID_NAME", ERROR, "namespace"),
                fails("missing service", new RoutingPlan("default", null, null, null,
                        List.of(otherwise("original")), null), context(null), "REQUIRED", ERROR, "service"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new ServiceCheck(), plan, context, code, severity, path);
    }
}
