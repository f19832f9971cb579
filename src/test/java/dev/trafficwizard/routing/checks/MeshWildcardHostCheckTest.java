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

class MeshWildcardHostCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("* through a gateway only", webapp(newGateway("*"), otherwise("original")), context(WEBAPP)),
                passes("named hosts in the mesh", webapp(null, List.of("fleetman.com"), otherwise("original")),
                        context(WEBAPP)),
                fails("* in the mesh", webapp(null, List.of("fleetman.com", "*"), otherwise("original")),
                        context(WEBAPP), "MESH_WILDCARD_HOST", ERROR, "hosts[1]"),
                fails("* from a gateway that includes the mesh", webapp(newGatewayWithMesh("*"),
                        otherwise("original")), context(WEBAPP), "MESH_WILDCARD_HOST", ERROR, "gateway.hosts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new MeshWildcardHostCheck(), plan, context, code, severity, path);
    }
}
