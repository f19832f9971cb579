package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * One check of a routing plan, in the spirit of kiali's {@code business/checkers}: each check
 * owns a few stable diagnostic codes, reports them at the path of the field they concern, and
 * never throws on a partial plan (other checks report what is missing).
 */
@FunctionalInterface
public interface PlanCheck {

    /** Appends what this check finds to {@code out}; the plan is never {@code null}. */
    void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out);
}
