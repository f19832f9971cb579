package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

import java.util.List;
import java.util.Map;

/** Mesh plans (no gateway) for the Gateway API translator's tests. */
final class GatewayApiPlans {

    static final TargetService STAFF = new TargetService("default", "fleetman-staff-service", "version", List.of(
            new TargetService.ServiceVersion("safe", 2, 2), new TargetService.ServiceVersion("risky", 1, 1)));
    static final TargetService WEBAPP = new TargetService("default", "fleetman-webapp", "version", List.of(
            new TargetService.ServiceVersion("original", 1, 1), new TargetService.ServiceVersion("experimental", 1, 1)));

    static final RoutingPlan STAFF_90_10 = RoutingPlan.weighted("default", "fleetman-staff-service",
            List.of(new WeightedDestination("safe", 90), new WeightedDestination("risky", 10)));

    static final RoutingPlan WEBAPP_HEADER = new RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(
            new Rule(List.of(header("x-my-header", new StringMatch("canary", null, null))), to("experimental")),
            new Rule(List.of(), to("original"))), null);

    static final RoutingPlan WEBAPP_URI_PREFIX = new RoutingPlan("default", "fleetman-webapp", List.of(), null,
            List.of(new Rule(List.of(uri(new StringMatch(null, "/experimental", null)),
                            uri(new StringMatch(null, "/canary", null))), to("experimental")),
                    new Rule(List.of(), to("original"))), null);

    private GatewayApiPlans() {
    }

    static MatchCondition header(String name, StringMatch match) {
        return new MatchCondition(null, Map.of(name, match), null, null, Map.of());
    }

    static MatchCondition uri(StringMatch match) {
        return new MatchCondition(match, Map.of(), null, null, Map.of());
    }

    static List<WeightedDestination> to(String version) {
        return List.of(new WeightedDestination(version, 100));
    }

    static List<ServicePort> ports(int port) {
        return List.of(new ServicePortBuilder().withName("http").withPort(port)
                .withTargetPort(new IntOrString(port)).withProtocol("TCP").build());
    }

    /** The version Services of a service selected by {@code app: <name>} with one port. */
    static List<Service> versionServices(TargetService target, int port, String... versions) {
        return VersionServices.build(target, List.of(versions), Map.of("app", target.name()), ports(port));
    }
}
