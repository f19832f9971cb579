package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * The service the plan routes: {@code namespace} and {@code service} are required DNS labels
 * ({@code REQUIRED}, {@code INVALID_NAME}); when both are valid the service must exist
 * ({@code UNKNOWN_SERVICE} at {@code service}).
 */
public final class ServiceCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        boolean namespaceValid = checkName(plan.namespace(), "namespace", out);
        boolean serviceValid = checkName(plan.service(), "service", out);
        if (namespaceValid && serviceValid && context.target() == null) {
            out.add(Diagnostic.error(DiagnosticCode.UNKNOWN_SERVICE, "service", plan.namespace(), plan.service()));
        }
    }

    static boolean checkName(String value, String path, List<Diagnostic> out) {
        if (value == null || value.isBlank()) {
            out.add(Diagnostic.error(DiagnosticCode.REQUIRED, path));
            return false;
        }
        if (!Names.isDnsLabel(value)) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_NAME, path, value));
            return false;
        }
        return true;
    }
}
