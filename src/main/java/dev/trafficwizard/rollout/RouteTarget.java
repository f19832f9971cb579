package dev.trafficwizard.rollout;

/**
 * What a rollout asks of the service's routing at one moment: the canary's share of the catch-all
 * split ({@code canaryWeight}, the rest to the stable version), and optionally a header rule sending
 * matching requests to the canary, or a percentage of requests mirrored to it.
 */
public record RouteTarget(int canaryWeight, Step.HeaderRoute header, Double mirror) {

    /** Everything to the stable version, no header rule, no mirror: where an abort ends. */
    public static final RouteTarget STABLE = new RouteTarget(0, null, null);
    /** Everything to the canary: where a promotion ends. */
    public static final RouteTarget CANARY = new RouteTarget(100, null, null);
}
