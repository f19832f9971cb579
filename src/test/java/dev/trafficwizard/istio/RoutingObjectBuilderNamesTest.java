package dev.trafficwizard.istio;

import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpHeaderName;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How plan names become Istio names: header names, subsets of look-alike versions, gateway ports and hosts. */
class RoutingObjectBuilderNamesTest {

    static final TargetService SHOP = new TargetService("default", "shop", "version", List.of(
            new TargetService.ServiceVersion("v2", 1, 1), new TargetService.ServiceVersion("V2", 1, 1),
            new TargetService.ServiceVersion("v1.0", 1, 1), new TargetService.ServiceVersion("v1-0", 1, 1)));

    @Test
    void headerNamesAreWrittenLowercase() {
        RoutingPlan plan = new RoutingPlan("default", "shop", List.of(), null, List.of(
                new Rule(List.of(new MatchCondition(null, Map.of("X-User", new StringMatch("a", null, null)),
                        null, null, null)), List.of(new WeightedDestination("v2", 100))),
                new Rule(List.of(), List.of(new WeightedDestination("V2", 100)))),
                new StickySession("X-Session", null, null, null));
        RoutingObjects objects = RoutingObjectBuilder.build(plan, SHOP);
        assertThat(objects.virtualService().getSpec().getHttp().get(0).getMatch().get(0).getHeaders())
                .containsOnlyKeys("x-user");
        var lb = (LoadBalancerSettingsConsistentHash) objects.destinationRule().getSpec().getTrafficPolicy()
                .getLoadBalancer().getLbPolicy();
        assertThat(((LoadBalancerSettingsConsistentHashLBHttpHeaderName) lb.getConsistentHash().getHashKey())
                .getHttpHeaderName()).isEqualTo("x-session");
        valid(objects);
    }

    @Test
    void versionsDifferingOnlyInCaseOrDotsGetTheirOwnSubsetsAndRoundTrip() {
        RoutingPlan plan = new RoutingPlan("default", "shop", List.of(), null, List.of(new Rule(List.of(), List.of(
                new WeightedDestination("v2", 40), new WeightedDestination("V2", 30),
                new WeightedDestination("v1.0", 20), new WeightedDestination("v1-0", 10)))), null);
        RoutingObjects objects = RoutingObjectBuilder.build(plan, SHOP);
        var subsets = objects.destinationRule().getSpec().getSubsets();
        assertThat(subsets).extracting(s -> s.getLabels().get("version")).containsExactly("v2", "V2", "v1.0", "v1-0");
        assertThat(subsets).extracting(s -> s.getName()).doesNotHaveDuplicates().contains("v2", "v1-0");
        var route = objects.virtualService().getSpec().getHttp().get(0).getRoute();
        for (int i = 0; i < route.size(); i++) {
            String subset = route.get(i).getDestination().getSubset();
            String version = plan.rules().get(0).route().get(i).version();
            assertThat(subsets).filteredOn(s -> s.getName().equals(subset)).singleElement()
                    .satisfies(s -> assertThat(s.getLabels()).containsEntry("version", version));
        }
        valid(objects);
        assertThat(RoutingPlanParser.parse(objects.virtualService(), objects.destinationRule(), SHOP)).contains(plan);
    }

    @Test
    void aGatewayOnAnotherPortServesHttpAndRoundTrips() {
        RoutingPlan plan = new RoutingPlan("default", "shop", List.of(), new GatewayPlan("shop-gw", true,
                List.of("shop.example.com"), 8080, false), List.of(new Rule(List.of(),
                List.of(new WeightedDestination("v2", 100)))), null);
        RoutingObjects objects = RoutingObjectBuilder.build(plan, SHOP);
        var server = objects.gateway().getSpec().getServers().get(0);
        assertThat(server.getPort().getNumber()).isEqualTo(8080L);
        assertThat(server.getPort().getProtocol()).isEqualTo("HTTP");
        assertThat(server.getPort().getName()).isEqualTo("http-8080");
        assertThat(server.getTls()).isNull();
        valid(objects);
        assertThat(RoutingPlanParser.parse(objects.virtualService(), objects.destinationRule(), objects.gateway(),
                SHOP)).contains(plan);
    }

    @Test
    void gatewayHostsWithANamespaceGiveTheVirtualServiceTheHostPart() {
        RoutingPlan plan = new RoutingPlan("default", "shop", List.of(), new GatewayPlan("istio-system/shared", false,
                List.of("*/shop.example.com", "./api.example.com"), null, false), List.of(new Rule(List.of(),
                List.of(new WeightedDestination("v2", 100)))), null);
        RoutingObjects objects = RoutingObjectBuilder.build(plan, SHOP);
        assertThat(objects.virtualService().getSpec().getHosts()).containsExactly("shop.example.com", "api.example.com");
        valid(objects);
    }

    private static void valid(RoutingObjects objects) {
        for (HasMetadata object : objects.all()) {
            assertThat(IstioSchemas.validate(object)).as(object.getKind()).isEmpty();
            assertThat(IstioValidation.validate(object)).as(object.getKind()).isEmpty();
        }
    }
}
