package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Each rule's weighted destinations, at {@code rules[i].route}: at least one
 * ({@code NO_DESTINATIONS}), at most {@link Limits#MAX_DESTINATIONS} ({@code TOO_MANY}); each
 * names a known version once ({@code REQUIRED}, {@code DUPLICATE_VERSION},
 * {@code UNKNOWN_VERSION} at {@code rules[i].route[j].version}) with a weight from 0 to 100
 * ({@code WEIGHT_REQUIRED}, {@code WEIGHT_RANGE} at {@code rules[i].route[j].weight}); the
 * weights add up to 100 ({@code WEIGHT_SUM} at {@code rules[i].route}); a version that gets
 * traffic but has no ready pod is a warning ({@code NO_READY_PODS}, like IST0173).
 */
public final class RouteCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        RuleLoop.rules(plan, (i, rule, path) -> checkRoute(rule.route(), path + ".route", context.target(), out));
    }

    private static void checkRoute(List<WeightedDestination> route, String path, TargetService target,
                                   List<Diagnostic> out) {
        if (route.isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.NO_DESTINATIONS, path));
            return;
        }
        if (route.size() > Limits.MAX_DESTINATIONS) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, path, Limits.MAX_DESTINATIONS));
            return;
        }
        Set<String> seen = new HashSet<>();
        int sum = 0;
        boolean weightsValid = true;
        for (int j = 0; j < route.size(); j++) {
            WeightedDestination d = route.get(j);
            String at = path + "[" + j + "]";
            if (d == null) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, at));
                weightsValid = false;
                continue;
            }
            checkVersion(d, at, target, seen, out);
            Integer weight = d.effectiveWeight(route.size());
            if (weight == null) {
                out.add(Diagnostic.error(DiagnosticCode.WEIGHT_REQUIRED, at + ".weight"));
                weightsValid = false;
            } else if (weight < 0 || weight > 100) {
                out.add(Diagnostic.error(DiagnosticCode.WEIGHT_RANGE, at + ".weight", weight));
                weightsValid = false;
            } else {
                sum += weight;
                warnWithoutPods(d, weight, at, target, out);
            }
        }
        if (weightsValid && sum != 100) {
            out.add(Diagnostic.error(DiagnosticCode.WEIGHT_SUM, path, sum));
        }
    }

    private static void checkVersion(WeightedDestination d, String at, TargetService target, Set<String> seen,
                                     List<Diagnostic> out) {
        if (d.version() == null || d.version().isBlank()) {
            out.add(Diagnostic.error(DiagnosticCode.REQUIRED, at + ".version"));
        } else if (!seen.add(d.version())) {
            out.add(Diagnostic.error(DiagnosticCode.DUPLICATE_VERSION, at + ".version", d.version()));
        } else if (target != null && target.version(d.version()).isEmpty()) {
            List<String> known = target.versions().stream().map(TargetService.ServiceVersion::version).toList();
            out.add(Diagnostic.error(DiagnosticCode.UNKNOWN_VERSION, at + ".version", d.version(), String.join(", ", known)));
        }
    }

    private static void warnWithoutPods(WeightedDestination d, int weight, String at, TargetService target,
                                        List<Diagnostic> out) {
        if (target == null || weight == 0 || d.version() == null) {
            return;
        }
        target.version(d.version())
                .filter(v -> v.readyPods() == 0)
                .ifPresent(v -> out.add(Diagnostic.warning(DiagnosticCode.NO_READY_PODS, at + ".version", v.version(), weight)));
    }
}
