package dev.trafficwizard.istio;

import io.fabric8.istio.api.networking.v1.VirtualService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.istio.RequestSimulatorTest.STAFF;
import static dev.trafficwizard.istio.RequestSimulatorTest.STAFF_DR;
import static dev.trafficwizard.istio.RequestSimulatorTest.STAFF_HOST;
import static dev.trafficwizard.istio.IstioObjects.dest;
import static dev.trafficwizard.istio.IstioObjects.exact;
import static dev.trafficwizard.istio.IstioObjects.gateway;
import static dev.trafficwizard.istio.IstioObjects.match;
import static dev.trafficwizard.istio.IstioObjects.rule;
import static dev.trafficwizard.istio.IstioObjects.vs;
import static org.assertj.core.api.Assertions.assertThat;

/** The entry points of a service as the one routing model resolves them. */
class RoutingModelTest {

    static ServiceRoutes routes(List<VirtualService> vss, List<io.fabric8.istio.api.networking.v1.Gateway> gws) {
        return RoutingModel.of(vss, List.of(STAFF_DR), gws, STAFF).service();
    }

    @Test
    void withoutRoutingTheMeshIsRoundRobinOverReadyPods() {
        ServiceRoutes routes = routes(List.of(), List.of());
        assertThat(routes.entryPoints()).singleElement().satisfies(e -> {
            assertThat(e.mesh()).isTrue();
            assertThat(e.noVirtualService()).isTrue();
            assertThat(e.otherwiseLabel()).isEqualTo("safe 67 %, risky 33 %");
        });
    }

    @Test
    void aGatewayOnlyVirtualServiceLeavesTheMeshToRoundRobin() {
        VirtualService edge = vs("default", "staff", List.of("staff.example.com"), List.of("edge"),
                rule(List.of(), dest(STAFF_HOST, "safe", 90), dest(STAFF_HOST, "risky", 10)));
        ServiceRoutes routes = routes(List.of(edge), List.of(gateway("default", "edge", "*.example.com")));
        assertThat(routes.mesh().noVirtualService()).isTrue();
        assertThat(routes.gateways()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("default/edge|staff.example.com");
            assertThat(e.otherwiseLabel()).isEqualTo("safe 90 %, risky 10 %");
        });
    }

    @Test
    void headerRulesKeepTheirSharesAndTheCatchAllDecidesTheRest() {
        VirtualService dark = vs("default", "staff", List.of("fleetman-staff-service"), List.of(),
                rule(List.of(match().withHeaders(Map.of("x-dark", exact("1"))).build()), dest(STAFF_HOST, "risky", null)),
                rule(List.of(), dest(STAFF_HOST, "safe", null)),
                rule(List.of(match().withHeaders(Map.of("x-late", exact("1"))).build()), dest(STAFF_HOST, "risky", null)));
        EntryPoint mesh = routes(List.of(dark), List.of()).mesh();
        assertThat(mesh.matchingRules()).singleElement().satisfies(r -> {
            assertThat(r.matchLabel()).isEqualTo("header x-dark = 1");
            assertThat(r.sharesLabel()).isEqualTo("risky 100 %");
        });
        assertThat(mesh.otherwiseLabel()).isEqualTo("safe 100 %");
        assertThat(mesh.rules().get(2).shadowed()).isTrue();
    }

    @Test
    void aMatchRestrictedToAGatewayAppliesOnlyThere() {
        VirtualService both = vs("default", "staff", List.of("fleetman-staff-service", "staff.example.com"),
                List.of("edge", "mesh"),
                rule(List.of(match().withGateways("edge").build()), dest(STAFF_HOST, "risky", null)),
                rule(List.of(), dest(STAFF_HOST, "safe", null)));
        ServiceRoutes routes = routes(List.of(both), List.of(gateway("default", "edge", "staff.example.com")));
        assertThat(routes.mesh().matchingRules()).isEmpty();
        assertThat(routes.mesh().otherwiseLabel()).isEqualTo("safe 100 %");
        assertThat(routes.entry("default/edge|staff.example.com").orElseThrow().matchingRules()).hasSize(1);
    }

    @Test
    void withoutACatchAllOtherRequestsGet404() {
        VirtualService only = vs("default", "staff", List.of("fleetman-staff-service"), List.of(),
                rule(List.of(match().withUri(exact("/a")).build()), dest(STAFF_HOST, "risky", null)));
        EntryPoint mesh = routes(List.of(only), List.of()).mesh();
        assertThat(mesh.otherwiseNotFound()).isTrue();
        assertThat(mesh.otherwise()).isEmpty();
    }

    @Test
    void aNameWithADotIsNotTheServiceToIstiod() {
        VirtualService written = vs("bookinfo", "staff", List.of("fleetman-staff-service.default"), List.of(),
                rule(List.of(), dest(STAFF_HOST, "risky", null)));
        assertThat(routes(List.of(written), List.of()).mesh().noVirtualService()).isTrue();
    }

    @Test
    void twoVirtualServicesForOneHostAreAmbiguousAndTheFirstByNameDecides() {
        VirtualService a = vs("default", "a", List.of("fleetman-staff-service"), List.of(),
                rule(List.of(), dest(STAFF_HOST, "safe", null)));
        VirtualService b = vs("default", "b", List.of("fleetman-staff-service"), List.of(),
                rule(List.of(), dest(STAFF_HOST, "risky", null)));
        EntryPoint mesh = routes(List.of(b, a), List.of()).mesh();
        assertThat(mesh.ambiguous()).isTrue();
        assertThat(mesh.virtualService()).isEqualTo("default/a");
    }

    @Test
    void aMirrorLeavesTheSharesAsTheyAreAndIsExposedWithItsShareOfTheEntryPoint() {
        var split = rule(List.of(), dest(STAFF_HOST, "safe", 90), dest(STAFF_HOST, "risky", 10));
        var mirrored = new io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder(split)
                .withNewMirror().withHost(STAFF_HOST).withSubset("risky").endMirror()
                .withNewMirrorPercentage().withValue(25.0).endMirrorPercentage().build();
        EntryPoint plain = routes(List.of(vs("default", "staff", List.of("fleetman-staff-service"), List.of(), split)),
                List.of()).mesh();
        EntryPoint copied = routes(List.of(vs("default", "staff", List.of("fleetman-staff-service"), List.of(),
                mirrored)), List.of()).mesh();

        assertThat(copied.rules().get(0).shares()).isEqualTo(plain.rules().get(0).shares());
        assertThat(copied.otherwiseLabel()).isEqualTo("safe 90 %, risky 10 %");
        assertThat(plain.mirrors()).isEmpty();
        assertThat(copied.mirrors()).singleElement().satisfies(m -> {
            assertThat(m.ruleIndex()).isZero();
            assertThat(m.mirror().version()).isEqualTo("risky");
            assertThat(m.mirror().percent()).isEqualTo(25.0);
            assertThat(m.entryPercent()).as("the only rule takes every request").isEqualTo(25.0);
        });
    }

    @Test
    void aMirrorOfAHeaderRuleHasNoKnownShareOfTheEntryPoint() {
        var header = new io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder(
                rule(List.of(match().withHeaders(Map.of("x-dark", exact("1"))).build()), dest(STAFF_HOST, "risky", null)))
                .withNewMirror().withHost(STAFF_HOST).withSubset("safe").endMirror().build();
        EntryPoint mesh = routes(List.of(vs("default", "staff", List.of("fleetman-staff-service"), List.of(), header,
                rule(List.of(), dest(STAFF_HOST, "safe", null)))), List.of()).mesh();
        assertThat(mesh.mirrors()).singleElement().satisfies(m -> {
            assertThat(m.mirror().percent()).isEqualTo(100.0);
            assertThat(m.entryPercent()).isNaN();
        });
    }
}
