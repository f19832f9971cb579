package dev.trafficwizard.routing;

/** A version of the service (its subset) and the share of the rule's traffic it receives. */
public record WeightedDestination(String version, Integer weight) {
}
