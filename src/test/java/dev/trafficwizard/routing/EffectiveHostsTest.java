package dev.trafficwizard.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EffectiveHostsTest {

    static final TargetService WEBAPP = new TargetService("default", "fleetman-webapp", "version", List.of());
    static final String FQDN = "fleetman-webapp.default.svc.cluster.local";
    static final List<Rule> RULES = List.of(new Rule(List.of(), List.of(new WeightedDestination("original", 100))));

    static RoutingPlan plan(List<String> hosts, GatewayPlan gateway) {
        return new RoutingPlan("default", "fleetman-webapp", hosts, gateway, RULES, null);
    }

    static Stream<Arguments> cases() {
        GatewayPlan subdomains = new GatewayPlan("gw", true, List.of("fleetman.com", "*.fleetman.com"), 80, false);
        GatewayPlan subdomainsAndMesh = new GatewayPlan("gw", true, List.of("fleetman.com", "*.fleetman.com"), 80, true);
        GatewayPlan existing = new GatewayPlan("istio-system/shared", false, List.of(), null, true);
        return Stream.of(
                Arguments.of("mesh only", plan(List.of(), null), WEBAPP, List.of(FQDN), List.of("mesh")),
                Arguments.of("plan hosts win", plan(List.of("fleetman.com"), subdomainsAndMesh), WEBAPP,
                        List.of("fleetman.com"), List.of("default/gw", "mesh")),
                Arguments.of("gateway hosts", plan(List.of(), subdomains), WEBAPP,
                        List.of("fleetman.com", "*.fleetman.com"), List.of("default/gw")),
                Arguments.of("gateway hosts plus the FQDN for the mesh", plan(List.of(), subdomainsAndMesh), WEBAPP,
                        List.of("fleetman.com", "*.fleetman.com", FQDN), List.of("default/gw", "mesh")),
                Arguments.of("existing gateway without hosts", plan(List.of(), existing), WEBAPP, List.of(FQDN),
                        List.of("istio-system/shared", "mesh")),
                Arguments.of("unknown service: FQDN from the plan", plan(List.of(), null), null, List.of(FQDN),
                        List.of("mesh")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostsAndGateways(String name, RoutingPlan plan, TargetService target, List<String> hosts,
                          List<String> gateways) {
        assertThat(EffectiveHosts.of(plan, target)).containsExactlyElementsOf(hosts);
        assertThat(EffectiveHosts.gatewayKeys(plan)).containsExactlyElementsOf(gateways);
    }
}
