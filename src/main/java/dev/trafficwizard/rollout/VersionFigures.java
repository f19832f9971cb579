package dev.trafficwizard.rollout;

import java.util.List;

/**
 * What a metrics source says about one version of a service over a window: the requests it
 * answered, their rate, the share not answered with a 5xx (percent, null without requests), the
 * 99th percentile latency in milliseconds (null without data), and recent request rates, oldest
 * first, for a sparkline.
 */
public record VersionFigures(String version, long requests, double requestsPerSecond, Double successRate,
                             Double p99Millis, List<Double> rateSeries) {

    public VersionFigures {
        rateSeries = rateSeries == null ? List.of() : List.copyOf(rateSeries);
    }

    /** A version nothing was measured for. */
    public static VersionFigures none(String version) {
        return new VersionFigures(version, 0, 0, null, null, List.of());
    }
}
