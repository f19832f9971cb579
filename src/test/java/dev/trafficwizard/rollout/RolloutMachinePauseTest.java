package dev.trafficwizard.rollout;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.trafficwizard.rollout.RolloutMachineTest.SUCCESS_99;
import static dev.trafficwizard.rollout.RolloutMachineTest.T0;
import static dev.trafficwizard.rollout.RolloutMachineTest.at;
import static dev.trafficwizard.rollout.RolloutMachineTest.events;
import static dev.trafficwizard.rollout.RolloutMachineTest.lastEvent;
import static dev.trafficwizard.rollout.RolloutMachineTest.spec;
import static dev.trafficwizard.rollout.RolloutMachineTest.started;
import static org.assertj.core.api.Assertions.assertThat;

/** Pauses by a user and by a change the rollout did not make, resuming, and the history's cap. */
class RolloutMachinePauseTest {

    // user pause and resume

    @Test
    void aUserPauseStopsTheStepsAndTheGates() {
        RolloutState s = started(spec(SUCCESS_99, Step.weight(10, "5m"), Step.weight(50, null)));
        Transition t = RolloutMachine.pause(s, "bob", at("1m"));
        assertThat(t.write()).isNull();
        RolloutState paused = t.state();
        assertThat(paused.phase()).isEqualTo(Phase.Paused);
        assertThat(paused.paused()).isEqualTo(RolloutState.PauseKind.USER);
        assertThat(paused.reason()).isEqualTo("paused by bob");
        assertThat(paused.weight()).isEqualTo(10);
        assertThat(lastEvent(paused).event()).isEqualTo("paused");
        assertThat(RolloutMachine.judgementDue(paused, at("1h"))).isFalse();
        Transition later = RolloutMachine.tick(paused, at("1h"), Verdict.fail("ignored"));
        assertThat(later.state()).isEqualTo(paused);
        assertThat(later.write()).isNull();
        assertThat(RolloutMachine.pause(paused, "bob", at("2m")).refused()).isEqualTo(Transition.Refusal.ALREADY_PAUSED);
    }

    @Test
    void resumeRewritesTheCurrentStepAndRestartsItsPause() {
        RolloutState s = started(spec(null, Step.weight(10, "5m"), Step.weight(50, null)));
        RolloutState paused = RolloutMachine.pause(s, "bob", at("4m")).state();
        Transition t = RolloutMachine.resume(paused, "bob", at("10m"));
        assertThat(t.write()).isEqualTo(new RouteTarget(10, null, null));
        RolloutState resumed = t.state();
        assertThat(resumed.phase()).isEqualTo(Phase.Progressing);
        assertThat(resumed.paused()).isNull();
        assertThat(resumed.reason()).isNull();
        assertThat(resumed.stepStarted()).isEqualTo(at("10m"));
        assertThat(events(resumed)).endsWith("paused", "resumed", "step 1");
        assertThat(RolloutMachine.tick(resumed, at("14m59s"), null).state().step()).isZero();
        assertThat(RolloutMachine.tick(resumed, at("15m"), null).state().step()).isEqualTo(1);
    }

    @Test
    void resumeOfAUserPauseAtAPromoteWaitWaitsForAPromoteAgain() {
        RolloutState s = started(spec(null, Step.weight(10, null), Step.weight(50, null)));
        RolloutState paused = RolloutMachine.pause(s, "bob", at("1m")).state();
        assertThat(paused.paused()).isEqualTo(RolloutState.PauseKind.USER);
        Transition t = RolloutMachine.resume(paused, "bob", at("2m"));
        assertThat(t.write()).isEqualTo(new RouteTarget(10, null, null));
        assertThat(t.state().step()).isZero();
        assertThat(t.state().paused()).isEqualTo(RolloutState.PauseKind.PROMOTE);
    }

    @Test
    void resumeWhileWaitingForAPromoteIsAPromote() {
        RolloutState s = started(spec(null, Step.weight(10, null), Step.weight(50, null)));
        Transition t = RolloutMachine.resume(s, "bob", at("1m"));
        assertThat(t.state().step()).isEqualTo(1);
        assertThat(t.write()).isEqualTo(new RouteTarget(50, null, null));
        assertThat(events(t.state())).endsWith("promoted", "step 2");
    }

    @Test
    void resumeIsRefusedWhenRunningOrFinished() {
        RolloutState s = started(spec(null, Step.weight(10, "5m"), Step.weight(50, null)));
        assertThat(RolloutMachine.resume(s, "bob", at("1m")).refused()).isEqualTo(Transition.Refusal.NOT_PAUSED);
        RolloutState done = RolloutMachine.abort(s, "bob", "x", at("1m")).state();
        assertThat(RolloutMachine.resume(done, "bob", at("2m")).refused()).isEqualTo(Transition.Refusal.FINISHED);
        assertThat(RolloutMachine.pause(done, "bob", at("2m")).refused()).isEqualTo(Transition.Refusal.FINISHED);
    }

    @Test
    void promoteEndsAUserPause() {
        RolloutState paused = RolloutMachine.pause(started(spec(null, Step.weight(10, "5m"), Step.weight(50, "5m"),
                Step.weight(100, null))), "bob", at("1m")).state();
        Transition t = RolloutMachine.promote(paused, "carol", false, at("2m"));
        assertThat(t.state().phase()).isEqualTo(Phase.Progressing);
        assertThat(t.state().paused()).isNull();
        assertThat(t.state().step()).isEqualTo(1);
    }

    // interrupt

    @Test
    void aManualChangePausesWithItsReasonAndResumeTakesOverAgain() {
        RolloutState s = started(spec(SUCCESS_99, Step.weight(25, "5m"), Step.weight(50, null)));
        Transition t = RolloutMachine.interrupt(s, "the routing was changed by carol (revision 7)", at("2m"));
        assertThat(t.write()).isNull();
        RolloutState interrupted = t.state();
        assertThat(interrupted.phase()).isEqualTo(Phase.Paused);
        assertThat(interrupted.paused()).isEqualTo(RolloutState.PauseKind.INTERRUPTED);
        assertThat(interrupted.reason()).isEqualTo("the routing was changed by carol (revision 7)");
        assertThat(lastEvent(interrupted).event()).isEqualTo("paused");
        assertThat(lastEvent(interrupted).reason()).isEqualTo("the routing was changed by carol (revision 7)");
        assertThat(RolloutMachine.judgementDue(interrupted, at("1h"))).isFalse();
        assertThat(RolloutMachine.tick(interrupted, at("1h"), null).state().step()).isZero();
        Transition again = RolloutMachine.interrupt(interrupted, "still changed", at("3m"));
        assertThat(again.refused()).isEqualTo(Transition.Refusal.ALREADY_PAUSED);
        assertThat(again.state()).isEqualTo(interrupted);
        assertThat(RolloutMachine.pause(interrupted, "bob", at("3m")).refused())
                .isEqualTo(Transition.Refusal.ALREADY_PAUSED);
        Transition resumed = RolloutMachine.resume(interrupted, "bob", at("10m"));
        assertThat(resumed.write()).isEqualTo(new RouteTarget(25, null, null));
        assertThat(resumed.state().phase()).isEqualTo(Phase.Progressing);
        assertThat(resumed.state().stepStarted()).isEqualTo(at("10m"));
        assertThat(RolloutMachine.judgementDue(resumed.state(), at("11m"))).isTrue();
    }

    @Test
    void aUserPauseCanBeInterruptedAndAFinishedRolloutCannot() {
        RolloutState paused = RolloutMachine.pause(started(spec(null, Step.weight(10, "5m"))), "bob", at("1m")).state();
        assertThat(RolloutMachine.interrupt(paused, "changed", at("2m")).state().paused())
                .isEqualTo(RolloutState.PauseKind.INTERRUPTED);
        RolloutState done = RolloutMachine.abort(paused, "bob", "x", at("2m")).state();
        assertThat(RolloutMachine.interrupt(done, "changed", at("3m")).refused()).isEqualTo(Transition.Refusal.FINISHED);
    }

    // history

    @Test
    void theHistoryKeepsTheNewestLines() {
        RolloutState s = started(spec(null, Step.weight(10, "5m"), Step.weight(50, null)));
        Instant now = T0;
        for (int i = 0; i < 80; i++) {
            now = now.plusSeconds(1);
            s = RolloutMachine.pause(s, "bob", now).state();
            s = RolloutMachine.resume(s, "bob", now).state();
        }
        assertThat(s.history()).hasSize(RolloutState.MAX_HISTORY);
        assertThat(lastEvent(s).time()).isEqualTo(now);
        assertThat(lastEvent(s).event()).isEqualTo("step 1");
        assertThat(s.history().get(0).event()).isNotEqualTo("started");
    }
}
