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

class HostOverlapCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("distinct hosts", webapp(newGateway("*"), List.of("fleetman.com", "www.fleetman.com"),
                        otherwise("original")), context(WEBAPP)),
                passes("a domain and its wildcard do not overlap", webapp(newGateway("fleetman.com", "*.fleetman.com"),
                        otherwise("original")), context(WEBAPP)),
                passes("the service host", webapp(null, otherwise("original")), context(WEBAPP)),
                fails("* with a named host", webapp(newGateway("*"), List.of("*", "www.fleetman.com"),
                        otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR, "hosts[1]"),
                fails("a wildcard with a host under it", webapp(newGateway("*"), List.of("a.example.com",
                        "*.example.com"), otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR, "hosts[1]"),
                fails("two wildcards, one under the other", webapp(newGateway("*"), List.of("*.example.com",
                        "*.a.example.com"), otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR, "hosts[1]"),
                fails("a literal duplicate", webapp(newGateway("*"), List.of("fleetman.com", "fleetman.com"),
                        otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR, "hosts[1]"),
                fails("a case variant", webapp(newGateway("*"), List.of("fleetman.com", "www.a.com", "FLEETMAN.com"),
                        otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR, "hosts[2]"),
                fails("a trailing-dot variant", webapp(newGateway("*"), List.of("fleetman.com", "fleetman.com."),
                        otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR, "hosts[1]"),
                fails("hosts from the gateway", webapp(newGateway("*.fleetman.com", "www.fleetman.com"),
                        otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR, "gateway.hosts[1]"),
                fails("duplicate hosts on the gateway", webapp(newGateway("fleetman.com", "fleetman.com"),
                        otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR, "gateway.hosts[1]"),
                fails("the service host under a gateway wildcard", webapp(newGatewayWithMesh(
                        "*.svc.cluster.local"), otherwise("original")), context(WEBAPP), "HOST_OVERLAP", ERROR,
                        "gateway.hosts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new HostOverlapCheck(), plan, context, code, severity, path);
    }
}
