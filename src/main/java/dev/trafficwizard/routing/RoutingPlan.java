package dev.trafficwizard.routing;

import java.util.List;

/**
 * What a user wants for one service: ordered rules of weighted version destinations, optional
 * hosts, optional gateway exposure and optional sticky sessions. Forms and the REST API both
 * produce plans; {@code istio/} turns them into objects.
 */
public record RoutingPlan(
        String namespace,
        String service,
        List<String> hosts,
        GatewayPlan gateway,
        List<Rule> rules,
        StickySession stickySession) {

    public RoutingPlan {
        hosts = Copies.list(hosts);
        rules = Copies.list(rules);
    }

    /** A plan with one catch-all rule splitting traffic by weight. */
    public static RoutingPlan weighted(String namespace, String service, List<WeightedDestination> route) {
        return new RoutingPlan(namespace, service, List.of(), null, List.of(new Rule(List.of(), route)), null);
    }
}
