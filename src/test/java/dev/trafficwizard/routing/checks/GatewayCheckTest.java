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

class GatewayCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("new gateway on *", webapp(newGateway("*"), otherwise("original")), context(WEBAPP)),
                passes("new HTTPS gateway", webapp(new GatewayPlan(GW, true, List.of("fleetman.com"), 443, false,
                        "fleetman-com-tls"), otherwise("original")), context(WEBAPP)),
                passes("existing gateway by namespace/name", webapp(existingGateway("istio-system/shared-gateway"),
                        otherwise("original")), context(WEBAPP)),
                passes("existing gateway by bare name in the service namespace", webapp(existingGateway("edge"),
                        otherwise("original")), context(WEBAPP, MeshView.of(List.of(
                        new MeshView.GatewayInfo("default", "edge", List.of("*"))), List.of()))),
                fails("name missing", webapp(new GatewayPlan(" ", true, List.of("*"), 80, false),
                        otherwise("original")), context(WEBAPP), "REQUIRED", ERROR, "gateway.name"),
                fails("new gateway named namespace/name", webapp(new GatewayPlan("istio-system/gw", true,
                        List.of("*"), 80, false), otherwise("original")), context(WEBAPP),
                        "INVALID_NAME", ERROR, "gateway.name"),
                fails("existing gateway with a bad namespace", webapp(existingGateway("Istio_System/gw"),
                        otherwise("original")), context(WEBAPP), "INVALID_NAME", ERROR, "gateway.name"),
                passes("HTTP on port 8080", webapp(new GatewayPlan(GW, true, List.of("*"), 8080, false),
                        otherwise("original")), context(WEBAPP)),
                passes("hosts as namespace/host", webapp(newGateway("./fleetman.com", "*/*.fleetman.com"),
                        otherwise("original")), context(WEBAPP)),
                passes("trailing-dot host", webapp(newGateway("fleetman.com."), otherwise("original")), context(WEBAPP)),
                fails("port 0", webapp(new GatewayPlan(GW, true, List.of("*"), 0, false),
                        otherwise("original")), context(WEBAPP), "INVALID_PORT", ERROR, "gateway.port"),
                fails("port 65536", webapp(new GatewayPlan(GW, true, List.of("*"), 65536, false),
                        otherwise("original")), context(WEBAPP), "INVALID_PORT", ERROR, "gateway.port"),
                fails("short host localhost", webapp(newGateway("fleetman.com", "localhost"),
                        otherwise("original")), context(WEBAPP), "SHORT_HOST", ERROR, "gateway.hosts[1]"),
                fails("short host after a namespace", webapp(newGateway("default/webapp"),
                        otherwise("original")), context(WEBAPP), "SHORT_HOST", ERROR, "gateway.hosts[0]"),
                fails("all-numeric top-level domain", webapp(newGateway("foo.123"),
                        otherwise("original")), context(WEBAPP), "NUMERIC_TLD", ERROR, "gateway.hosts[0]"),
                fails("bad namespace of a host", webapp(newGateway("Bad_Ns/fleetman.com"),
                        otherwise("original")), context(WEBAPP), "INVALID_HOST", ERROR, "gateway.hosts[0]"),
                fails("443 without a credential", webapp(new GatewayPlan(GW, true, List.of("fleetman.com"), 443,
                        false), otherwise("original")), context(WEBAPP), "CREDENTIAL_REQUIRED", ERROR,
                        "gateway.credentialName"),
                fails("443 with a credential that is no secret name", webapp(new GatewayPlan(GW, true,
                        List.of("fleetman.com"), 443, false, "Fleetman TLS"), otherwise("original")), context(WEBAPP),
                        "CREDENTIAL_REQUIRED", ERROR, "gateway.credentialName"),
                fails("new gateway without hosts", webapp(newGateway(), otherwise("original")), context(WEBAPP),
                        "REQUIRED", ERROR, "gateway.hosts"),
                fails("new gateway with a bad host", webapp(newGateway("fleetman.com", "*.*.com"),
                        otherwise("original")), context(WEBAPP), "INVALID_HOST", ERROR, "gateway.hosts[1]"),
                fails("existing gateway that does not exist", webapp(existingGateway("istio-system/nope"),
                        otherwise("original")), context(WEBAPP), "GATEWAY_MISSING", ERROR, "gateway.name"),
                fails("bare name looks in the service namespace", webapp(existingGateway("shared-gateway"),
                        otherwise("original")), context(WEBAPP), "GATEWAY_MISSING", ERROR, "gateway.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new GatewayCheck(), plan, context, code, severity, path);
    }
}
