package dev.trafficwizard.release;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.workflow.WriteResult;

import java.util.List;

/**
 * How a rollout action ended: the rollout after it ({@code state}, null when there is none), what
 * refused it ({@code problems}: errors with the field path; nothing changed), and the routing write
 * the action made (null: none).
 */
public record RolloutOutcome(RolloutState state, List<Diagnostic> problems, WriteResult write) {

    public RolloutOutcome {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public boolean refused() {
        return !problems.isEmpty();
    }
}
