package dev.trafficwizard.rollout;

/**
 * One step of a rollout: exactly one of {@code weight} (the canary's share of all requests, 0–100),
 * {@code header} (only requests carrying that header go to the canary, like Argo Rollouts'
 * {@code setHeaderRoute}) or {@code mirror} (that percentage of requests is copied to the canary,
 * answers ignored); then {@code pause}: a duration ({@code "5m"}, {@code "0s"}) or absent, meaning
 * "until promoted".
 */
public record Step(Integer weight, String pause, HeaderRoute header, Double mirror) {

    public static Step weight(int weight, String pause) {
        return new Step(weight, pause, null, null);
    }

    /** Waits for a promote rather than for a time. */
    public boolean untilPromoted() {
        return pause == null || pause.isBlank();
    }

    /** The routing the step asks for. */
    public RouteTarget target() {
        if (header != null) {
            return new RouteTarget(0, header, null);
        }
        if (mirror != null) {
            return new RouteTarget(0, null, mirror);
        }
        return new RouteTarget(weight == null ? 0 : weight, null, null);
    }

    /** Requests that carry header {@code name} with exactly {@code value} go to the canary. */
    public record HeaderRoute(String name, String value) {
    }
}
