package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a plan against the service it routes and the rest of the mesh by running every check of
 * {@link Checks#all()} in order, after its size ({@link PlanLimits}: a plan over a limit is checked
 * no further) and its holes ({@link PlanStructure}). Pure: no I/O, the caller passes what the
 * cluster knows of the service ({@code null} when it does not exist) and of the mesh.
 */
public final class PlanValidator {

    private PlanValidator() {
    }

    /** Validates without knowledge of other Gateways and VirtualServices. */
    public static List<Diagnostic> validate(RoutingPlan plan, TargetService target) {
        return validate(plan, target, MeshView.EMPTY);
    }

    public static List<Diagnostic> validate(RoutingPlan plan, TargetService target, MeshView mesh) {
        List<Diagnostic> out = new ArrayList<>();
        if (plan == null) {
            out.add(Diagnostic.error(DiagnosticCode.PLAN_REQUIRED, ""));
            return out;
        }
        out.addAll(PlanLimits.exceeded(plan));
        if (!out.isEmpty()) {
            return out;
        }
        out.addAll(PlanStructure.holes(plan));
        if (!out.isEmpty()) {
            return out;
        }
        CheckContext context = new CheckContext(target, mesh);
        for (PlanCheck check : Checks.all()) {
            check.check(plan, context, out);
        }
        return out;
    }

    public static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** A lone destination without a weight receives everything, as in Istio. */
    public static Integer effectiveWeight(WeightedDestination d, int routeSize) {
        return d.effectiveWeight(routeSize);
    }
}
