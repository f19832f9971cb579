package dev.trafficwizard.web;

import java.util.List;
import java.util.Locale;

/**
 * A small inline SVG line of recent request rates (oldest first), drawn on the server: numbers
 * only, so the markup needs no escaping. Decorative: the figures beside it say the same in words.
 */
final class Sparkline {

    static final int WIDTH = 64;
    static final int HEIGHT = 18;

    private Sparkline() {
    }

    /** The SVG, or an empty string for fewer than two points. */
    static String svg(List<Double> series, boolean failing) {
        if (series == null || series.size() < 2) {
            return "";
        }
        double max = series.stream().mapToDouble(d -> d == null || d.isNaN() ? 0 : d).max().orElse(0);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < series.size(); i++) {
            Double value = series.get(i);
            double v = value == null || value.isNaN() ? 0 : value;
            double x = (WIDTH - 2) * i / (double) (series.size() - 1) + 1;
            double y = max <= 0 ? HEIGHT - 2 : HEIGHT - 2 - (HEIGHT - 4) * v / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<svg class=\"tw-spark" + (failing ? " tw-spark-fail" : "") + "\" width=\"" + WIDTH + "\" height=\""
                + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" aria-hidden=\"true\" focusable=\"false\">"
                + "<polyline fill=\"none\" stroke-width=\"1.5\" points=\"" + points.toString().trim() + "\"/></svg>";
    }
}
