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

class HostsCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("fqdn and wildcard", webapp(null, List.of("fleetman.com", "*.fleetman.com"),
                        otherwise("original")), context(WEBAPP)),
                fails("host with a space", webapp(null, List.of("fleetman.com", "a b"), otherwise("original")),
                        context(WEBAPP), "INVALID_HOST", ERROR, "hosts[1]"),
                fails("too many hosts", webapp(null, Stream.iterate(0, i -> i + 1).limit(51)
                        .map(i -> "h" + i + ".fleetman.com").toList(), otherwise("original")),
                        context(WEBAPP), "TOO_MANY", ERROR, "hosts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new HostsCheck(), plan, context, code, severity, path);
    }
}
