package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The holes a plan from the API can have that no check can look past: {@code null} where a rule,
 * match, destination, host, match value (headers, query parameters, without-headers, source
 * labels), header change (set, add, remove) or version policy belongs. Each is named by its path; a plan with any is
 * checked no further.
 */
final class PlanStructure {

    private PlanStructure() {
    }

    static List<Diagnostic> holes(RoutingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        nulls(plan.hosts(), "hosts", out);
        if (plan.gateway() != null) {
            nulls(plan.gateway().hosts(), "gateway.hosts", out);
        }
        for (int i = 0; i < plan.rules().size(); i++) {
            Rule rule = plan.rules().get(i);
            String at = "rules[" + i + "]";
            if (rule == null) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, at));
                continue;
            }
            nulls(rule.route(), at + ".route", out);
            nulls(rule.match(), at + ".match", out);
            for (int j = 0; j < rule.match().size(); j++) {
                MatchCondition m = rule.match().get(j);
                if (m != null) {
                    nullValues(m.headers(), at + ".match[" + j + "].headers", out);
                    nullValues(m.queryParams(), at + ".match[" + j + "].queryParams", out);
                    nullValues(m.withoutHeaders(), at + ".match[" + j + "].withoutHeaders", out);
                    nullValues(m.sourceLabels(), at + ".match[" + j + "].sourceLabels", out);
                }
            }
            if (rule.headers() != null) {
                operations(rule.headers().request(), at + ".headers.request", out);
                operations(rule.headers().response(), at + ".headers.response", out);
            }
        }
        nullValues(plan.versionPolicies(), "versionPolicies", out);
        return out;
    }

    private static void operations(HeaderChanges.Operations ops, String path, List<Diagnostic> out) {
        if (ops != null) {
            nullValues(ops.set(), path + ".set", out);
            nullValues(ops.add(), path + ".add", out);
            nulls(ops.remove(), path + ".remove", out);
        }
    }

    private static void nulls(List<?> list, String path, List<Diagnostic> out) {
        for (int k = 0; k < list.size(); k++) {
            if (list.get(k) == null) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, path + "[" + k + "]"));
            }
        }
    }

    private static void nullValues(Map<String, ?> map, String path, List<Diagnostic> out) {
        map.forEach((name, value) -> {
            if (value == null) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, path + "." + name));
            }
        });
    }
}
