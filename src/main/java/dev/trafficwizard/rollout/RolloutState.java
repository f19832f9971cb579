package dev.trafficwizard.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout as it stands: what was asked ({@code spec}), the phase, the step it is at (0-based),
 * when that step began, the failed gate judgements so far, why it is paused or ended
 * ({@code reason}), how it is paused ({@code paused}, null when not), who started it, the routing
 * it last asked for ({@code current}), when the gates last judged and what they said for this
 * step, and its history (newest last, at most {@link #MAX_HISTORY} lines). Changed only by
 * {@link RolloutMachine}.
 */
public record RolloutState(String namespace, String service, RolloutSpec spec, Phase phase, int step,
                           Instant stepStarted, int failures, String reason, PauseKind paused, String startedBy,
                           RouteTarget current, Instant lastJudged, Verdict.Kind stepVerdict,
                           List<RolloutEvent> history) {

    public static final int MAX_HISTORY = 200;

    /** Why a rollout is paused: waiting for a promote, paused by a user, or by a change it did not make. */
    public enum PauseKind { PROMOTE, USER, INTERRUPTED }

    public RolloutState {
        history = history == null ? List.of() : List.copyOf(history.size() > MAX_HISTORY
                ? history.subList(history.size() - MAX_HISTORY, history.size()) : history);
    }

    /** The canary's share of the catch-all split now. */
    public int weight() {
        return current == null ? 0 : current.canaryWeight();
    }

    public Step currentStep() {
        return step < spec.steps().size() ? spec.steps().get(step) : null;
    }

    /** The same state with one more line in its history (a note of the runtime: the routing not yet written, written again). */
    public RolloutState withEvent(RolloutEvent event) {
        return with(phase, step, stepStarted, failures, reason, paused, current, lastJudged, stepVerdict, event);
    }

    RolloutState with(Phase phase, int step, Instant stepStarted, int failures, String reason, PauseKind paused,
                      RouteTarget current, Instant lastJudged, Verdict.Kind stepVerdict, RolloutEvent event) {
        List<RolloutEvent> next = new ArrayList<>(history);
        if (event != null) {
            next.add(event);
        }
        return new RolloutState(namespace, service, spec, phase, step, stepStarted, failures, reason, paused,
                startedBy, current, lastJudged, stepVerdict, next);
    }
}
