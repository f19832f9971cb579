package dev.trafficwizard.gatewayapi;

import java.util.List;

/**
 * The HTTPRoute match that serves a request: the route, the index of its rule and of the match in that
 * rule ({@code matchIndex} 0 for a rule without matches, which matches as PathPrefix "/"), and where
 * the rule sends the request.
 */
public record RouteChoice(String namespace, String name, int ruleIndex, int matchIndex, List<Backend> backends) {

    public RouteChoice {
        backends = List.copyOf(backends);
    }

    /**
     * One backendRef: kind (Service when unset), namespace (the route's when unset), name, port (null when
     * unset), weight (1 when unset, as the Gateway API defaults it).
     */
    public record Backend(String kind, String namespace, String name, Integer port, int weight) {
    }
}
