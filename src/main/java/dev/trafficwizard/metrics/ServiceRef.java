package dev.trafficwizard.metrics;

/** A service whose figures are asked for. */
public record ServiceRef(String namespace, String name) {
}
