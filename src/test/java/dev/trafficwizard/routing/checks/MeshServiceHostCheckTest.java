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

class MeshServiceHostCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("hosts derived", webapp(newGatewayWithMesh("fleetman.com"), otherwise("original")),
                        context(WEBAPP)),
                passes("gateway only", webapp(newGateway("*"), List.of("fleetman.com"), otherwise("original")),
                        context(WEBAPP)),
                passes("the FQDN", webapp(null, List.of("fleetman-webapp.default.svc.cluster.local"),
                        otherwise("original")), context(WEBAPP)),
                passes("the short name", webapp(null, List.of("fleetman-webapp"), otherwise("original")),
                        context(WEBAPP)),
                fails("name.namespace is no short name for Istio", webapp(null, List.of("fleetman-webapp.default"),
                        otherwise("original")), context(WEBAPP), "MESH_MISSES_SERVICE", WARNING, "hosts"),
                passes("a wildcard over the namespace", webapp(null, List.of("*.default.svc.cluster.local"),
                        otherwise("original")), context(WEBAPP)),
                passes("the service and an external name with includeMesh", webapp(newGatewayWithMesh("*"),
                        List.of("fleetman.com", "fleetman-webapp"), otherwise("original")), context(WEBAPP)),
                fails("includeMesh with external hosts only", webapp(newGatewayWithMesh("*"),
                        List.of("fleetman.com"), otherwise("original")), context(WEBAPP),
                        "MESH_MISSES_SERVICE", WARNING, "hosts"),
                fails("mesh only with an external name", webapp(null, List.of("api.example.com"),
                        otherwise("original")), context(WEBAPP), "MESH_MISSES_SERVICE", WARNING, "hosts"),
                fails("the short name of another service", webapp(null, List.of("fleetman-staff-service"),
                        otherwise("original")), context(WEBAPP), "MESH_MISSES_SERVICE", WARNING, "hosts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new MeshServiceHostCheck(), plan, context, code, severity, path);
    }
}
