package dev.trafficwizard.routing;

/** A version of the service (its subset) and the share of the rule's traffic it receives. */
public record WeightedDestination(String version, Integer weight) {

    /** The weight Istio applies: a lone destination without a weight receives everything. */
    public Integer effectiveWeight(int routeSize) {
        return weight == null && routeSize == 1 ? Integer.valueOf(100) : weight;
    }
}
