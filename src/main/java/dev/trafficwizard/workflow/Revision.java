package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * One recorded write attempt on a service's routing: its number, when, who (when known), what
 * (apply, delete, rollback, take over), from which form, the plan (null for a delete), the YAML
 * the cluster held afterwards, the outcome (applied, conflict, failed) with a message, and the
 * objects written.
 */
public record Revision(int number, String time, String user, String action, String form, RoutingPlan plan,
                       String yaml, String outcome, String message, List<String> objects) {

    public Revision {
        objects = objects == null ? List.of() : List.copyOf(objects);
        yaml = yaml == null ? "" : yaml;
    }

    public boolean succeeded() {
        return "applied".equals(outcome);
    }
}
