package dev.trafficwizard.web;

import dev.trafficwizard.rollout.Phase;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Step;

import java.time.Instant;
import java.util.List;

/**
 * A rollout as the service page shows it: the state, its reason and history lines in the reader's
 * language ({@link Text}: what the rollout wrote in English stays English, marked so), and which
 * buttons apply in its phase.
 */
public record RolloutPanelView(RolloutState state, Text reason, List<StepLine> steps, List<Line> history) {

    /** A text, and whether it is English written by the rollout itself rather than a translation. */
    public record Text(String text, boolean english) {
    }

    /** One step of the plan: what it routes, its pause, and whether the rollout is at it. */
    public record StepLine(int number, Step step, boolean current, boolean done) {
    }

    /** One history line, newest first on the page. */
    public record Line(Instant time, Text event, int step, int weight, String by, Text reason) {
    }

    public Phase phase() {
        return state.phase();
    }

    public boolean finished() {
        return state.phase().finished();
    }

    /** The step the rollout is at, counted from 1 (the last one once it succeeded). */
    public int stepNumber() {
        return Math.min(state.step() + 1, state.spec().steps().size());
    }

    public int stepCount() {
        return state.spec().steps().size();
    }

    public boolean canPause() {
        return state.phase() == Phase.Progressing;
    }

    public boolean canResume() {
        return state.phase() == Phase.Paused && state.paused() != RolloutState.PauseKind.PROMOTE;
    }

    /** Seconds between two looks at the panel while the rollout runs (0: it is finished). */
    public int pollSeconds() {
        return switch (state.phase()) {
            case Progressing -> 5;
            case Paused -> 15;
            default -> 0;
        };
    }

    /** What the page was drawn with: when the rollout moves on, the page is drawn again. */
    public String seen() {
        var events = state.history();
        return state.phase() + ":" + state.step() + ":" + state.weight() + ":" + events.size() + ":"
                + (events.isEmpty() || events.get(events.size() - 1).time() == null ? ""
                : events.get(events.size() - 1).time().toEpochMilli());
    }
}
