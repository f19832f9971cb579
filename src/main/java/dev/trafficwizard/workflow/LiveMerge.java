package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.istio.StructuralMerge;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingPlan;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's objects merged onto the live managed objects they replace ({@link StructuralMerge}), so
 * that preview, its YAML and diff, and apply all write the same thing: what the forms own from the
 * plan, every other live field kept. What cannot be kept becomes a {@code FIELDS_DROPPED} warning
 * per object and plan field.
 */
record LiveMerge(RoutingObjects objects, List<Diagnostic> diagnostics) {

    /** @param liveGateway the live Gateway the plan's Gateway replaces (null when none) */
    static LiveMerge onto(RoutingObjects built, ServiceDetail service, Gateway liveGateway, RoutingPlan plan) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        boolean ownsPolicies = plan.trafficPolicy() != null || !plan.versionPolicies().isEmpty();
        var dr = StructuralMerge.destinationRule(built.destinationRule(), managed(service.destinationRule()),
                ownsPolicies);
        var vs = StructuralMerge.virtualService(built.virtualService(), managed(service.virtualService()));
        var gw = StructuralMerge.gateway(built.gateway(), managed(liveGateway));
        int httpRules = built.virtualService() == null || built.virtualService().getSpec().getHttp() == null ? 0
                : built.virtualService().getSpec().getHttp().size();
        report(gw, d -> "gateway", diagnostics);
        report(dr, d -> policyPath(d.path(), ownsPolicies), diagnostics);
        report(vs, d -> planPath(d, plan.rules().size(), httpRules), diagnostics);
        return new LiveMerge(new RoutingObjects(dr.object(), vs.object(), gw.object()), diagnostics);
    }

    /**
     * The plan rule a desired HTTP rule was built from: rules in plan order, except that version
     * pins come right before the catch-all, which is last.
     */
    static String planPath(Integer httpIndex, int planRules, int httpRules) {
        if (httpIndex == null || planRules == 0) {
            return "rules";
        }
        if (httpIndex < planRules - 1) {
            return "rules[" + httpIndex + "]";
        }
        return httpIndex == httpRules - 1 ? "rules[" + (planRules - 1) + "]" : "stickySession.keepVersionCookie";
    }

    /**
     * As {@link #planPath(Integer, int, int)}; a version pin's mirror, fault, timeout, retries or
     * header changes are the pinned catch-all's (the pins carry them), so they point at that rule.
     */
    static String planPath(dev.trafficwizard.istio.StructuralMerge.Dropped dropped, int planRules, int httpRules) {
        String path = planPath(dropped.rule(), planRules, httpRules);
        boolean ruleField = dropped.path().matches("spec\\.http\\[\\d+\\]\\.(mirror|mirrors|mirrorPercentage|mirrorPercent|fault"
                + "|timeout|retries|headers)");
        return ruleField && path.equals("stickySession.keepVersionCookie") ? "rules[" + (planRules - 1) + "]" : path;
    }

    /** The plan field a dropped DestinationRule value belongs to. */
    static String policyPath(String dropped, boolean ownsPolicies) {
        if (dropped.startsWith("spec.trafficPolicy")) {
            return ownsPolicies ? "trafficPolicy" : "stickySession";
        }
        // a part of a kept subset's policy (a whole subset goes because no rule uses its version)
        return ownsPolicies && dropped.startsWith("spec.subsets[") && dropped.contains(".trafficPolicy.")
                ? "versionPolicies" : "rules";
    }

    private static <T extends HasMetadata> T managed(T live) {
        return Managed.isManaged(live) ? live : null;
    }

    private static void report(StructuralMerge.Merged<?> merged,
                               java.util.function.Function<StructuralMerge.Dropped, String> planPath,
                               List<Diagnostic> out) {
        if (merged.dropped().isEmpty()) {
            return;
        }
        Map<String, List<String>> byPath = new LinkedHashMap<>();
        merged.dropped().forEach(d -> byPath.computeIfAbsent(planPath.apply(d), k -> new ArrayList<>()).add(d.path()));
        HasMetadata object = merged.object();
        byPath.forEach((path, lost) -> out.add(Diagnostic.warning(DiagnosticCode.FIELDS_DROPPED, path, object.getKind(),
                object.getMetadata().getNamespace() + "/" + object.getMetadata().getName(), String.join(", ", lost))));
    }
}
