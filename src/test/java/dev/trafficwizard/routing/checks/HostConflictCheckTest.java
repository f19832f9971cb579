package dev.trafficwizard.routing.checks;

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

class HostConflictCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("our own VirtualService is replaced, not a conflict", webapp9010(),
                        mesh(vs("default", "fleetman-webapp", List.of("fleetman-webapp"), List.of(), true))),
                passes("same host bound to a gateway only", webapp9010(), mesh(vs("istio-system", "edge",
                        List.of("fleetman-webapp.default.svc.cluster.local"), List.of("shared-gateway"), false))),
                passes("a short name resolves in its own namespace", webapp9010(),
                        mesh(vs("bookinfo", "by-hand", List.of("fleetman-webapp"), List.of(), false))),
                passes("other gateway, same host", webapp(existingGateway("istio-system/shared-gateway"),
                        List.of("fleetman.com"), otherwise("original")), mesh(vs("default", "other",
                        List.of("fleetman.com"), List.of("other-gateway"), false))),
                fails("short name in the mesh", webapp9010(), mesh(vs("default", "webapp-by-hand",
                        List.of("fleetman-webapp"), List.of(), false)), "HOST_CONFLICT", ERROR, "hosts"),
                passes("name.namespace is not the service to istiod (only dotless names expand)", webapp9010(),
                        mesh(vs("bookinfo", "cross", List.of("fleetman-webapp.default"), List.of("mesh"), true))),
                fails("the FQDN from another namespace", webapp9010(), mesh(vs("bookinfo", "cross",
                        List.of("fleetman-webapp.default.svc.cluster.local"), List.of("mesh"), true)),
                        "HOST_CONFLICT", ERROR, "hosts"),
                fails("same gateway, same host", webapp(existingGateway("istio-system/shared-gateway"),
                        List.of("fleetman.com"), otherwise("original")), mesh(vs("istio-system", "edge",
                        List.of("fleetman.com"), List.of("shared-gateway"), false)), "HOST_CONFLICT", ERROR, "hosts"),
                fails("gateway plus mesh meets a mesh VirtualService", webapp(newGatewayWithMesh("fleetman.com"),
                        otherwise("original")), mesh(vs("default", "by-hand",
                        List.of("fleetman-webapp.default.svc.cluster.local"), List.of(), false)),
                        "HOST_CONFLICT", ERROR, "hosts"));
    }

    static CheckContext mesh(MeshView.VirtualServiceInfo... virtualServices) {
        return context(WEBAPP, MeshView.of(List.of(SHARED_GATEWAY), List.of(virtualServices)));
    }

    static MeshView.VirtualServiceInfo vs(String namespace, String name, List<String> hosts, List<String> gateways,
                                          boolean managed) {
        return new MeshView.VirtualServiceInfo(namespace, name, hosts, gateways, managed);
    }

    @org.junit.jupiter.api.Test
    void namesTheOtherVirtualServiceAndWhetherItIsManaged() {
        java.util.List<dev.trafficwizard.routing.Diagnostic> out = new java.util.ArrayList<>();
        new HostConflictCheck().check(webapp9010(), mesh(vs("bookinfo", "cross",
                List.of("FLEETMAN-webapp.default.svc.cluster.local"), List.of(), true)), out);
        org.assertj.core.api.Assertions.assertThat(out).singleElement().satisfies(d ->
                org.assertj.core.api.Assertions.assertThat(d.args())
                        .containsExactly("bookinfo/cross", true, "fleetman-webapp.default.svc.cluster.local"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new HostConflictCheck(), plan, context, code, severity, path);
    }
}
