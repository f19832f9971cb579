package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.checks.Fixtures.*;

class HostCoverageCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("new gateway on * covers any host", webapp(newGateway("*"), List.of("fleetman.com"),
                        otherwise("original")), context(WEBAPP)),
                passes("subdomain gateway covers apex and deep subdomains", webapp(
                        newGateway("fleetman.com", "*.fleetman.com"), List.of("fleetman.com", "x.y.fleetman.com"),
                        otherwise("original")), context(WEBAPP)),
                passes("hosts derived from a new gateway", webapp(newGateway("fleetman.com", "*.fleetman.com"),
                        otherwise("original")), context(WEBAPP)),
                passes("existing gateway covers the plan hosts", webapp(
                        existingGateway("istio-system/shared-gateway"), List.of("experimental.fleetman.com"),
                        otherwise("original")), context(WEBAPP)),
                passes("service FQDN kept for the mesh needs no coverage", webapp(
                        newGatewayWithMesh("fleetman.com"),
                        List.of("fleetman.com", "fleetman-webapp.default.svc.cluster.local"), otherwise("original")),
                        context(WEBAPP)),
                passes("gateway host with a namespace admitting the service namespace", webapp(
                        existingGateway("istio-system/ns-gateway"), List.of("fleetman.com"), otherwise("original")),
                        context(WEBAPP, MeshView.of(List.of(new MeshView.GatewayInfo("istio-system", "ns-gateway",
                                List.of("default/fleetman.com"))), List.of()))),
                fails("*.fleetman.com does not cover fleetman.com", webapp(newGateway("*.fleetman.com"),
                        List.of("a.fleetman.com", "fleetman.com"), otherwise("original")), context(WEBAPP),
                        "HOST_NOT_COVERED", ERROR, "hosts[1]"),
                fails("existing gateway without the service FQDN", webapp(
                        existingGateway("istio-system/shared-gateway"), otherwise("original")), context(WEBAPP),
                        "HOST_NOT_COVERED", ERROR, "gateway.hosts"),
                fails("existing gateway without the hosts named for it", webapp(new GatewayPlan(
                        "istio-system/shared-gateway", false, List.of("fleetman.org"), null, false),
                        otherwise("original")), context(WEBAPP), "HOST_NOT_COVERED", ERROR, "gateway.hosts"),
                fails("gateway host restricted to another namespace", webapp(
                        existingGateway("istio-system/ns-gateway"), List.of("fleetman.com"), otherwise("original")),
                        context(WEBAPP, MeshView.of(List.of(new MeshView.GatewayInfo("istio-system", "ns-gateway",
                                List.of("bookinfo/fleetman.com"))), List.of())), "HOST_NOT_COVERED", ERROR, "hosts[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new HostCoverageCheck(), plan, context, code, severity, path);
    }
}
