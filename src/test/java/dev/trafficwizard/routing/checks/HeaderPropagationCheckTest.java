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

class HeaderPropagationCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("header routing at the gateway only", webapp(newGateway("*"),
                        when(header("x-my-header", exact("canary")), "experimental"), otherwise("original")),
                        context(WEBAPP)),
                passes("cookie match in the mesh", webapp(null, when(header("cookie", regex(".*user=tester.*")),
                        "experimental"), otherwise("original")), context(WEBAPP)),
                passes("uri routing in the mesh", webapp(null, when(uri(prefix("/canary")), "experimental"),
                        otherwise("original")), context(WEBAPP)),
                fails("dark release of staff-service in the mesh", staff(
                        when(header("x-my-header", exact("canary")), "risky"), otherwise("safe")), context(STAFF),
                        "HEADER_PROPAGATION", WARNING, "rules[0].match[0].headers.x-my-header"),
                fails("gateway plus mesh", webapp(newGatewayWithMesh("fleetman.com"), when(List.of(
                        uri(prefix("/canary")), header("x-my-header", exact("canary"))), "experimental"),
                        otherwise("original")), context(WEBAPP), "HEADER_PROPAGATION", WARNING,
                        "rules[0].match[1].headers.x-my-header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new HeaderPropagationCheck(), plan, context, code, severity, path);
    }
}
