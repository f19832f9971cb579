package dev.trafficwizard.web;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.List;

/**
 * What the weighted wizard posts: one version and one weight per row (as typed, so a non-number
 * gets a message instead of a binding error), and the base version the form was opened on.
 */
record WeightedForm(List<String> version, List<String> weight, String baseVersion) {

    static final int MAX_ROWS = 20;

    WeightedForm {
        version = version == null ? List.of() : List.copyOf(version);
        weight = weight == null ? List.of() : List.copyOf(weight);
    }

    /** The plan the rows describe, with the diagnostics of rows that could not be read. */
    Parsed toPlan(String namespace, String service) {
        List<Diagnostic> problems = new ArrayList<>();
        List<WeightedDestination> route = new ArrayList<>();
        if (version.size() != weight.size() || version.size() > MAX_ROWS) {
            problems.add(Diagnostic.error("INVALID_VALUE", "rules[0].route", "one weight per version"));
        }
        int rows = Math.min(Math.min(version.size(), weight.size()), MAX_ROWS);
        for (int i = 0; i < rows; i++) {
            String text = weight.get(i) == null ? "" : weight.get(i).trim();
            Integer value = null;
            if (!text.isEmpty()) {
                try {
                    value = Integer.valueOf(text);
                } catch (NumberFormatException e) {
                    String shown = text.length() > 20 ? text.substring(0, 20) + "…" : text;
                    problems.add(Diagnostic.error("WEIGHT_NOT_NUMBER", weightPath(i), shown));
                }
            }
            route.add(new WeightedDestination(version.get(i), value));
        }
        return new Parsed(RoutingPlan.weighted(namespace, service, route), problems);
    }

    static String weightPath(int row) {
        return "rules[0].route[" + row + "].weight";
    }

    record Parsed(RoutingPlan plan, List<Diagnostic> problems) {

        /** The validator's diagnostics, minus those about fields that could not even be read. */
        List<Diagnostic> merge(List<Diagnostic> validated) {
            List<Diagnostic> out = new ArrayList<>(problems);
            validated.stream()
                    .filter(d -> problems.stream().noneMatch(p -> p.path().equals(d.path())))
                    .filter(d -> !(d.code().equals("WEIGHT_SUM") && !problems.isEmpty()))
                    .forEach(out::add);
            return out;
        }
    }
}
