package dev.trafficwizard.web;

import dev.trafficwizard.rollout.VersionFigures;

import java.util.Locale;

/**
 * One version's figures as the pages show them: requests per second, success rate and p99 latency
 * as text (null: no data), whether the success rate is low (below {@link #LOW_SUCCESS} %), and the
 * sparkline's SVG. A value, so rendered service rows can be reused while the figures stay the same.
 */
public record FigureView(String version, String rate, String success, String p99, boolean failing, String sparkline) {

    static final double LOW_SUCCESS = 99.0;

    static FigureView of(VersionFigures f) {
        boolean failing = f.successRate() != null && f.successRate() < LOW_SUCCESS;
        return new FigureView(f.version(), number(f.requestsPerSecond(), 1),
                f.successRate() == null ? null : number(f.successRate(), 1),
                f.p99Millis() == null ? null : number(f.p99Millis(), 0), failing, Sparkline.svg(f.rateSeries(), failing));
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
