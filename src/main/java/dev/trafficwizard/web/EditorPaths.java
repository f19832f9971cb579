package dev.trafficwizard.web;

import java.util.ArrayList;
import java.util.List;

/**
 * For the rules editor's template: the plan path each input stands for, so a diagnostic at
 * {@code rules[1].match[0].headers.x-a} is shown beside that condition, and the diagnostics of a
 * rule that no input of its card shows (shown at the card's top).
 */
public class EditorPaths {

    public String condition(int i, int j, EditorForm.Condition c) {
        String at = "rules[" + i + "].match[" + j + "]";
        String name = c.getName() == null ? "" : c.getName().trim();
        return switch (c.getField() == null ? "header" : c.getField()) {
            case "uri" -> at + ".uri";
            case "method" -> at + ".method";
            case "authority" -> at + ".authority";
            case "port" -> at + ".port";
            case "withoutHeader" -> at + ".withoutHeaders." + HeaderNames.lower(name);
            case "query" -> at + ".queryParams." + name;
            case "sourceLabel" -> at + ".sourceLabels." + name;
            default -> at + ".headers." + HeaderNames.lower(name);
        };
    }

    /** The plan path of version row {@code k} of rule {@code i}, or null when the row is left out of the route. */
    public String route(int i, EditorForm.RuleRow row, int k) {
        int index = EditorPlans.routeIndexes(row).get(k);
        return index < 0 ? null : "rules[" + i + "].route[" + index + "]";
    }

    public List<DiagnosticView> at(DiagnosticList diagnostics, String path) {
        return path == null ? List.of() : diagnostics.at(path);
    }

    /** The diagnostics of rule {@code i} that none of its inputs shows. */
    public List<DiagnosticView> rest(DiagnosticList diagnostics, int i, EditorForm.RuleRow row, boolean catchAll) {
        String rule = "rules[" + i + "]";
        List<String> shown = new ArrayList<>(List.of(rule + ".mirror", rule + ".fault", rule + ".timeout",
                rule + ".retries", rule + ".headers"));
        if (!catchAll) {
            for (int j = 0; j < row.getMatch().size(); j++) {
                for (EditorForm.Condition c : row.getMatch().get(j).getConds()) {
                    shown.add(condition(i, j, c));
                }
            }
        }
        for (int k = 0; k < Math.min(row.getVersion().size(), row.getWeight().size()); k++) {
            String r = route(i, row, k);
            if (r != null) {
                shown.add(r);
            }
        }
        return diagnostics.at(rule).stream().filter(d -> shown.stream().noneMatch(d::concerns)).toList();
    }

    /** The diagnostics of a policy that none of its inputs shows. */
    public List<DiagnosticView> policyRest(DiagnosticList diagnostics, PolicyForm p) {
        List<String> shown = List.of(p.path() + ".tls", p.path() + ".loadBalancer", p.path() + ".connectionPool",
                p.path() + ".outlierDetection");
        return diagnostics.at(p.path()).stream().filter(d -> shown.stream().noneMatch(d::concerns)).toList();
    }
}
