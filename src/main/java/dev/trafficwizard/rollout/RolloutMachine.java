package dev.trafficwizard.rollout;

import dev.trafficwizard.routing.Durations;

import java.time.Duration;
import java.time.Instant;

/**
 * The step machine of a rollout, a pure function of the state, the time and (when the gates were
 * due) their verdict. Decisions:
 * <ul>
 *   <li><b>Steps.</b> Entering a step asks for its routing ({@link Transition#write()}); a step with a
 *       pause duration ({@code "0s"}, {@code "5m"}) stays phase Progressing and ends at the first
 *       {@link #tick} at or after {@code stepStarted + pause} when, if the rollout has gates, their
 *       latest judgement during the step was a pass (a hold after a pass
 *       holds the step again) (so a {@code "0s"} step with gates lasts at least
 *       one interval); a step without a pause is phase Paused, reason "waiting for a promote", until
 *       promoted. One tick moves at most one step.</li>
 *   <li><b>End.</b> Passing the last step (by a tick or a promote), {@code promote(full)}, or entering
 *       a last step of weight 100 succeeds: everything on the canary, header rule and mirror gone.</li>
 *   <li><b>Gates.</b> {@link #judgementDue} once an interval passed since the step began or the gates
 *       last judged, while Progressing or waiting for a promote; never while paused by a user or
 *       interrupted (the steps and their judgement stop) nor when the gates have no limit. A hold
 *       never passes a step and is written to the history once per step; a fail counts towards the
 *       rollout's {@code failures} (for the whole rollout, not per step): the judgement that makes
 *       them exceed {@code failureLimit} aborts, with "gate: " and the reason in the history.</li>
 *   <li><b>Promote</b> goes to the next step from any unfinished phase (a user's explicit promote also
 *       ends a user pause or an interruption); refused when finished.</li>
 *   <li><b>Abort</b> (by a user or a gate) puts everything back on the stable version; refused when
 *       finished.</li>
 *   <li><b>Pause</b> by a user keeps the routing as it is; refused when already paused by a user or
 *       interrupted. {@link #interrupt} (a change the rollout did not make) pauses the same way with a
 *       reason naming the change; refused when already interrupted, so a change seen again adds no
 *       history.</li>
 *   <li><b>Resume</b> after a user pause or an interruption enters the current step again: its routing
 *       is written again (over a manual change) and its pause restarts; while waiting for a promote,
 *       resume is a promote (as in Argo Rollouts); refused when not paused or finished.</li>
 * </ul>
 */
public final class RolloutMachine {

    private RolloutMachine() {
    }

    /** A new rollout at its first step. */
    public static Transition start(String namespace, String service, RolloutSpec spec, String user, Instant now) {
        if (spec.steps().isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one step (RolloutSpecCheck)");
        }
        RolloutState fresh = new RolloutState(namespace, service, spec, Phase.Progressing, 0, now, 0, null, null,
                user, RouteTarget.STABLE, null, null, java.util.List.of());
        RolloutState started = fresh.with(Phase.Progressing, 0, now, 0, null, null, RouteTarget.STABLE, null, null,
                new RolloutEvent(now, "started", 0, 0, user, spec.stable() + " → " + spec.canary()));
        return enter(started, 0, user, now);
    }

    /**
     * Whether the gates should judge now: they have limits, the rollout runs or waits for a promote
     * (not paused by a user, not interrupted), and an interval passed since the step began or last judged.
     */
    public static boolean judgementDue(RolloutState state, Instant now) {
        if (state.phase().finished() || !state.spec().gatesOrNone().judges() || stopped(state)) {
            return false;
        }
        Instant since = state.lastJudged() == null || state.lastJudged().isBefore(state.stepStarted())
                ? state.stepStarted() : state.lastJudged();
        return !now.isBefore(since.plus(interval(state.spec().gatesOrNone())));
    }

    /** The window the gates judge over. */
    public static Duration interval(Gates gates) {
        long nanos = Durations.nanos(gates.intervalOrDefault()).orElse(60_000_000_000L);
        return Duration.ofNanos(Math.max(nanos, 1_000_000_000L));
    }

    /**
     * Time passes: {@code verdict} is the gates' judgement when {@link #judgementDue} said so (else null).
     * A failure counts (and may abort); a finished pause with passed gates moves to the next step.
     */
    public static Transition tick(RolloutState state, Instant now, Verdict verdict) {
        if (state.phase().finished()) {
            return Transition.to(state, null);
        }
        RolloutState s = state;
        if (verdict != null && !stopped(s)) {
            Gates gates = s.spec().gatesOrNone();
            switch (verdict.kind()) {
                case FAIL -> {
                    int failures = s.failures() + 1;
                    RolloutEvent failed = new RolloutEvent(now, "gate failed", s.step(), s.weight(), null,
                            verdict.reason());
                    if (failures > gates.failureLimitOrDefault()) {
                        RolloutState counted = s.with(s.phase(), s.step(), s.stepStarted(), failures, s.reason(),
                                s.paused(), s.current(), now, Verdict.Kind.FAIL, failed);
                        return abort(counted, null, "gate: " + verdict.reason()
                                + (failures > 1 ? " (" + failures + " failed judgements)" : ""), now);
                    }
                    s = s.with(s.phase(), s.step(), s.stepStarted(), failures, s.reason(), s.paused(), s.current(),
                            now, Verdict.Kind.FAIL, failed);
                }
                case HOLD -> {
                    boolean repeated = !s.history().isEmpty() && "held".equals(s.history().get(s.history().size() - 1).event())
                            && s.history().get(s.history().size() - 1).step() == s.step();
                    s = s.with(s.phase(), s.step(), s.stepStarted(), s.failures(), s.reason(), s.paused(),
                            s.current(), now, Verdict.Kind.HOLD, // only the latest judgement counts
                            repeated ? null : new RolloutEvent(now, "held", s.step(), s.weight(), null, verdict.reason()));
                }
                case PASS -> s = s.with(s.phase(), s.step(), s.stepStarted(), s.failures(), s.reason(), s.paused(),
                        s.current(), now, Verdict.Kind.PASS, null);
            }
        }
        if (s.phase() != Phase.Progressing) {
            return Transition.to(s, null);
        }
        Step step = s.currentStep();
        boolean timeUp = step != null && !step.untilPromoted()
                && !now.isBefore(s.stepStarted().plusNanos(Durations.nanos(step.pause()).orElse(0)));
        boolean gatesPassed = !s.spec().gatesOrNone().judges() || s.stepVerdict() == Verdict.Kind.PASS;
        if (timeUp && gatesPassed) {
            return next(s, null, now);
        }
        return Transition.to(s, null);
    }

    /** Promote: the next step, or ({@code full}) everything to the canary now. */
    public static Transition promote(RolloutState state, String user, boolean full, Instant now) {
        if (state.phase().finished()) {
            return Transition.refuse(state, Transition.Refusal.FINISHED);
        }
        if (full) {
            return succeed(state, user, "promoted fully", now);
        }
        return next(state, user, now);
    }

    /** Abort: everything back to the stable version. */
    public static Transition abort(RolloutState state, String user, String reason, Instant now) {
        if (state.phase().finished()) {
            return Transition.refuse(state, Transition.Refusal.FINISHED);
        }
        RolloutState aborted = state.with(Phase.Aborted, state.step(), state.stepStarted(), state.failures(), reason,
                null, RouteTarget.STABLE, state.lastJudged(), state.stepVerdict(),
                new RolloutEvent(now, "aborted", state.step(), 0, user, reason));
        return Transition.to(aborted, RouteTarget.STABLE);
    }

    /** A user pauses the steps (the routing stays as it is). */
    public static Transition pause(RolloutState state, String user, Instant now) {
        if (state.phase().finished()) {
            return Transition.refuse(state, Transition.Refusal.FINISHED);
        }
        if (state.paused() == RolloutState.PauseKind.USER || state.paused() == RolloutState.PauseKind.INTERRUPTED) {
            return Transition.refuse(state, Transition.Refusal.ALREADY_PAUSED);
        }
        return Transition.to(state.with(Phase.Paused, state.step(), state.stepStarted(), state.failures(),
                "paused by " + (user == null ? "a user" : user), RolloutState.PauseKind.USER, state.current(),
                state.lastJudged(), state.stepVerdict(),
                new RolloutEvent(now, "paused", state.step(), state.weight(), user, null)), null);
    }

    /**
     * The routing was changed by someone else, or the rollout's write failed: the steps stop,
     * the routing is left as it is, {@code reason} says why.
     */
    public static Transition interrupt(RolloutState state, String reason, Instant now) {
        if (state.phase().finished()) {
            return Transition.refuse(state, Transition.Refusal.FINISHED);
        }
        if (state.paused() == RolloutState.PauseKind.INTERRUPTED) {
            return Transition.refuse(state, Transition.Refusal.ALREADY_PAUSED);
        }
        return Transition.to(state.with(Phase.Paused, state.step(), state.stepStarted(), state.failures(), reason,
                RolloutState.PauseKind.INTERRUPTED, state.current(), state.lastJudged(), state.stepVerdict(),
                new RolloutEvent(now, "paused", state.step(), state.weight(), null, reason)), null);
    }

    /** Resume after a pause: the current step again (its routing written again, its pause restarted); at a promote pause, a promote. */
    public static Transition resume(RolloutState state, String user, Instant now) {
        if (state.phase().finished()) {
            return Transition.refuse(state, Transition.Refusal.FINISHED);
        }
        if (state.phase() != Phase.Paused) {
            return Transition.refuse(state, Transition.Refusal.NOT_PAUSED);
        }
        if (state.paused() == RolloutState.PauseKind.PROMOTE) {
            return next(state, user, now);
        }
        RolloutState resumed = state.with(Phase.Progressing, state.step(), state.stepStarted(), state.failures(), null,
                null, state.current(), state.lastJudged(), state.stepVerdict(),
                new RolloutEvent(now, "resumed", state.step(), state.weight(), user, null));
        return enter(resumed, state.step(), user, now);
    }

    /** Paused by a user or interrupted: no step moves and the gates do not judge. */
    private static boolean stopped(RolloutState state) {
        return state.phase() == Phase.Paused && (state.paused() == RolloutState.PauseKind.USER
                || state.paused() == RolloutState.PauseKind.INTERRUPTED);
    }

    private static Transition next(RolloutState state, String user, Instant now) {
        int next = state.step() + 1;
        if (next >= state.spec().steps().size()) {
            return succeed(state, user, user == null ? "last step passed" : "promoted", now);
        }
        RolloutState moved = user == null ? state : state.with(state.phase(), state.step(), state.stepStarted(),
                state.failures(), state.reason(), state.paused(), state.current(), state.lastJudged(),
                state.stepVerdict(), new RolloutEvent(now, "promoted", state.step(), state.weight(), user, null));
        return enter(moved, next, user, now);
    }

    private static Transition enter(RolloutState state, int index, String user, Instant now) {
        Step step = state.spec().steps().get(index);
        RouteTarget target = step.target();
        if (index == state.spec().steps().size() - 1 && target.canaryWeight() == 100 && target.header() == null
                && target.mirror() == null) {
            return succeed(state, user, "reached 100 %", now);
        }
        boolean waits = step.untilPromoted();
        RolloutState entered = state.with(waits ? Phase.Paused : Phase.Progressing, index, now, state.failures(),
                waits ? "waiting for a promote" : null, waits ? RolloutState.PauseKind.PROMOTE : null, target,
                state.lastJudged(), null, new RolloutEvent(now, "step " + (index + 1), index, target.canaryWeight(),
                        user, describe(step)));
        return Transition.to(entered, target);
    }

    private static Transition succeed(RolloutState state, String user, String reason, Instant now) {
        RolloutState done = state.with(Phase.Succeeded, state.step(), state.stepStarted(), state.failures(), reason,
                null, RouteTarget.CANARY, state.lastJudged(), state.stepVerdict(),
                new RolloutEvent(now, "succeeded", state.step(), 100, user, reason));
        return Transition.to(done, RouteTarget.CANARY);
    }

    /** A step in a few words: "weight 25 %, pause 5m", "header x-canary: true, until promoted". */
    public static String describe(Step step) {
        String what = step.header() != null ? "header " + step.header().name() + ": " + step.header().value()
                : step.mirror() != null ? "mirror " + Gates.number(step.mirror()) + " %"
                : "weight " + (step.weight() == null ? 0 : step.weight()) + " %";
        return what + ", " + (step.untilPromoted() ? "until promoted" : "pause " + step.pause());
    }
}
