package dev.trafficwizard.rollout;

import java.util.Locale;

/**
 * The metric gates of a rollout, judged on the canary's figures over {@code interval} (a duration,
 * default {@link #DEFAULT_INTERVAL}): at least {@code minSuccessRate} percent of requests not
 * answered with a 5xx, a p99 latency of at most {@code maxP99} milliseconds, and at least
 * {@code minRequests} requests before anything is judged (fewer hold the step). A rollout is
 * aborted at the failed judgement after {@code failureLimit} failed ones (0: the first failure).
 * Absent limits are not checked; gates with no limit at all always pass. A limit without its figure
 * (no success rate, as without requests when {@code minRequests} is 0; no latency) holds, never fails.
 */
public record Gates(Double minSuccessRate, Double maxP99, Long minRequests, String interval, Integer failureLimit) {

    public static final String DEFAULT_INTERVAL = "1m";
    public static final long DEFAULT_MIN_REQUESTS = 10;

    public String intervalOrDefault() {
        return interval == null || interval.isBlank() ? DEFAULT_INTERVAL : interval;
    }

    public long minRequestsOrDefault() {
        return minRequests == null ? DEFAULT_MIN_REQUESTS : minRequests;
    }

    public int failureLimitOrDefault() {
        return failureLimit == null ? 0 : failureLimit;
    }

    /** Whether any limit is set: without one the rollout needs no metrics. */
    public boolean judges() {
        return minSuccessRate != null || maxP99 != null;
    }

    /**
     * Judges the canary's figures with the stable version's beside them: a canary that has part of the
     * catch-all split ({@code canaryWeight} over 0) but answered no request over the interval while the
     * stable version answered at least {@code minRequests} fails: it is down (crashlooping, no healthy
     * endpoint), and a destination-reported metric never sees the 503s the callers got instead.
     * Else as {@link #judge(VersionFigures)}.
     */
    public Verdict judge(VersionFigures canary, VersionFigures stable, int canaryWeight) {
        if (judges() && canaryWeight > 0 && (canary == null || canary.requests() == 0) && stable != null
                && stable.requests() >= Math.max(1, minRequestsOrDefault())) {
            return Verdict.fail("the canary answered no requests while the stable version answered "
                    + stable.requests());
        }
        return judge(canary);
    }

    /** Judges the canary's figures (null: the metrics source answered nothing). */
    public Verdict judge(VersionFigures canary) {
        if (!judges()) {
            return Verdict.PASS;
        }
        if (canary == null) {
            return Verdict.hold("no metrics for the canary");
        }
        if (canary.requests() < minRequestsOrDefault()) {
            return Verdict.hold(canary.requests() + " requests to the canary, " + minRequestsOrDefault()
                    + " needed to judge");
        }
        if (minSuccessRate != null && canary.successRate() == null) {
            return Verdict.hold("no success rate for the canary");
        }
        if (minSuccessRate != null && canary.successRate() < minSuccessRate) {
            return Verdict.fail("success rate " + percent(canary.successRate()) + " below " + percent(minSuccessRate));
        }
        if (maxP99 != null && canary.p99Millis() != null && canary.p99Millis() > maxP99) {
            return Verdict.fail("p99 latency " + number(canary.p99Millis()) + " ms above " + number(maxP99) + " ms");
        }
        if (maxP99 != null && canary.p99Millis() == null) {
            return Verdict.hold("no latency figures for the canary");
        }
        return Verdict.PASS;
    }

    private static String percent(Double value) {
        return value == null ? "unknown" : number(value) + " %";
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
