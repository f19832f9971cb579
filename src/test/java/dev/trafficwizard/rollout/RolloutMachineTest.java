package dev.trafficwizard.rollout;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every transition of the step machine, at fixed instants. */
class RolloutMachineTest {

    static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");
    static final Step.HeaderRoute HEADER = new Step.HeaderRoute("x-canary", "on");
    static final Gates SUCCESS_99 = new Gates(99.0, null, null, null, null);

    static RolloutSpec spec(Gates gates, Step... steps) {
        return new RolloutSpec("v1", "v2", List.of(steps), gates);
    }

    static RolloutState started(RolloutSpec spec) {
        return RolloutMachine.start("default", "shop", spec, "alice", T0).state();
    }

    static Instant at(String duration) {
        return T0.plus(Duration.parse("PT" + duration.toUpperCase()));
    }

    static List<String> events(RolloutState state) {
        return state.history().stream().map(RolloutEvent::event).toList();
    }

    static RolloutEvent lastEvent(RolloutState state) {
        return state.history().get(state.history().size() - 1);
    }

    static VersionFigures canary(long requests, double successRate, Double p99) {
        return new VersionFigures("v2", requests, requests / 60.0, successRate, p99, List.of());
    }

    // start

    @Test
    void startWritesTheFirstStepsWeightAndRuns() {
        Transition t = RolloutMachine.start("default", "shop", spec(null, Step.weight(10, "5m"), Step.weight(50, "5m")),
                "alice", T0);
        assertThat(t.changed()).isTrue();
        assertThat(t.write()).isEqualTo(new RouteTarget(10, null, null));
        RolloutState s = t.state();
        assertThat(s.phase()).isEqualTo(Phase.Progressing);
        assertThat(s.step()).isZero();
        assertThat(s.weight()).isEqualTo(10);
        assertThat(s.stepStarted()).isEqualTo(T0);
        assertThat(s.startedBy()).isEqualTo("alice");
        assertThat(s.namespace()).isEqualTo("default");
        assertThat(s.service()).isEqualTo("shop");
        assertThat(events(s)).containsExactly("started", "step 1");
        assertThat(s.history().get(0).reason()).isEqualTo("v1 → v2");
        assertThat(s.history().get(1).reason()).isEqualTo("weight 10 %, pause 5m");
        assertThat(s.history().get(1).by()).isEqualTo("alice");
    }

    @Test
    void startWithAHeaderStepWritesOnlyTheHeaderRule() {
        Transition t = RolloutMachine.start("default", "shop",
                spec(null, new Step(null, "5m", HEADER, null), Step.weight(50, "5m")), "alice", T0);
        assertThat(t.write()).isEqualTo(new RouteTarget(0, HEADER, null));
        assertThat(t.state().weight()).isZero();
        assertThat(lastEvent(t.state()).reason()).isEqualTo("header x-canary: on, pause 5m");
    }

    @Test
    void startWithAMirrorStepWritesOnlyTheMirror() {
        Transition t = RolloutMachine.start("default", "shop",
                spec(null, new Step(null, null, null, 5.0), Step.weight(50, "5m")), "alice", T0);
        assertThat(t.write()).isEqualTo(new RouteTarget(0, null, 5.0));
        assertThat(lastEvent(t.state()).reason()).isEqualTo("mirror 5 %, until promoted");
    }

    @Test
    void aFirstStepUntilPromotedPausesWaitingForAPromote() {
        Transition t = RolloutMachine.start("default", "shop", spec(null, Step.weight(10, null), Step.weight(100, null)),
                "alice", T0);
        assertThat(t.write()).isEqualTo(new RouteTarget(10, null, null));
        assertThat(t.state().phase()).isEqualTo(Phase.Paused);
        assertThat(t.state().paused()).isEqualTo(RolloutState.PauseKind.PROMOTE);
        assertThat(t.state().reason()).isEqualTo("waiting for a promote");
        assertThat(lastEvent(t.state()).reason()).isEqualTo("weight 10 %, until promoted");
    }

    @Test
    void aBlankPauseIsUntilPromoted() {
        assertThat(started(spec(null, Step.weight(10, " "), Step.weight(100, null))).phase()).isEqualTo(Phase.Paused);
    }

    @Test
    void aSpecWithoutStepsCannotStart() {
        assertThatThrownBy(() -> RolloutMachine.start("default", "shop", spec(null), "alice", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSingleStepOfWeight100SucceedsAtOnce() {
        Transition t = RolloutMachine.start("default", "shop", spec(null, Step.weight(100, "5m")), "alice", T0);
        assertThat(t.write()).isEqualTo(RouteTarget.CANARY);
        assertThat(t.state().phase()).isEqualTo(Phase.Succeeded);
        assertThat(t.state().reason()).isEqualTo("reached 100 %");
        assertThat(events(t.state())).containsExactly("started", "succeeded");
    }

    // tick and pauses

    @Test
    void aTimedStepEndsWhenItsPauseHasPassed() {
        RolloutState s = started(spec(null, Step.weight(10, "5m"), Step.weight(50, "5m"), Step.weight(100, null)));
        Transition before = RolloutMachine.tick(s, at("4m59s"), null);
        assertThat(before.write()).isNull();
        assertThat(before.state()).isEqualTo(s);
        Transition after = RolloutMachine.tick(s, at("5m"), null);
        assertThat(after.write()).isEqualTo(new RouteTarget(50, null, null));
        assertThat(after.state().step()).isEqualTo(1);
        assertThat(after.state().stepStarted()).isEqualTo(at("5m"));
        assertThat(lastEvent(after.state()).event()).isEqualTo("step 2");
        assertThat(lastEvent(after.state()).by()).isNull();
        assertThat(RolloutMachine.tick(after.state(), at("9m59s"), null).write()).isNull();
        Transition last = RolloutMachine.tick(after.state(), at("10m"), null);
        assertThat(last.write()).isEqualTo(RouteTarget.CANARY);
        assertThat(last.state().phase()).isEqualTo(Phase.Succeeded);
        assertThat(last.state().reason()).isEqualTo("reached 100 %");
    }

    @Test
    void aZeroPauseEndsAtTheNextTickOneStepAtATime() {
        RolloutState s = started(spec(null, Step.weight(10, "0s"), Step.weight(20, "0s"), Step.weight(30, null)));
        assertThat(s.phase()).isEqualTo(Phase.Progressing);
        Transition t = RolloutMachine.tick(s, T0, null);
        assertThat(t.state().step()).isEqualTo(1);
        assertThat(t.write()).isEqualTo(new RouteTarget(20, null, null));
        Transition t2 = RolloutMachine.tick(t.state(), T0, null);
        assertThat(t2.state().step()).isEqualTo(2);
        assertThat(t2.state().phase()).isEqualTo(Phase.Paused);
        assertThat(t2.state().reason()).isEqualTo("waiting for a promote");
    }

    @Test
    void aStepUntilPromotedNeverEndsByTime() {
        RolloutState s = started(spec(null, Step.weight(10, null), Step.weight(50, null)));
        Transition t = RolloutMachine.tick(s, at("100h"), null);
        assertThat(t.write()).isNull();
        assertThat(t.state().phase()).isEqualTo(Phase.Paused);
        assertThat(t.state().step()).isZero();
    }

    @Test
    void passingTheLastTimedStepSucceeds() {
        RolloutState s = started(spec(null, Step.weight(10, "1m"), Step.weight(60, "1m")));
        RolloutState second = RolloutMachine.tick(s, at("1m"), null).state();
        Transition t = RolloutMachine.tick(second, at("2m"), null);
        assertThat(t.write()).isEqualTo(RouteTarget.CANARY);
        assertThat(t.state().phase()).isEqualTo(Phase.Succeeded);
        assertThat(t.state().weight()).isEqualTo(100);
        assertThat(t.state().reason()).isEqualTo("last step passed");
        assertThat(lastEvent(t.state()).event()).isEqualTo("succeeded");
        assertThat(lastEvent(t.state()).weight()).isEqualTo(100);
    }

    @Test
    void aFinishedRolloutIgnoresTicks() {
        RolloutState done = RolloutMachine.abort(started(spec(SUCCESS_99, Step.weight(10, "1m"))), "bob", "no", T0)
                .state();
        Transition t = RolloutMachine.tick(done, at("1h"), Verdict.fail("bad"));
        assertThat(t.state()).isEqualTo(done);
        assertThat(t.write()).isNull();
        assertThat(RolloutMachine.judgementDue(done, at("1h"))).isFalse();
    }

    // promote

    @Test
    void promoteGoesToTheNextStep() {
        RolloutState s = started(spec(null, Step.weight(10, null), Step.weight(50, "5m"), Step.weight(100, null)));
        Transition t = RolloutMachine.promote(s, "bob", false, at("1m"));
        assertThat(t.write()).isEqualTo(new RouteTarget(50, null, null));
        assertThat(t.state().step()).isEqualTo(1);
        assertThat(t.state().phase()).isEqualTo(Phase.Progressing);
        assertThat(t.state().paused()).isNull();
        assertThat(t.state().reason()).isNull();
        assertThat(t.state().stepStarted()).isEqualTo(at("1m"));
        assertThat(events(t.state())).endsWith("promoted", "step 2");
        assertThat(lastEvent(t.state()).by()).isEqualTo("bob");
    }

    @Test
    void promoteFullSendsEverythingToTheCanaryNow() {
        RolloutState s = started(spec(null, new Step(null, null, HEADER, null), Step.weight(50, null)));
        Transition t = RolloutMachine.promote(s, "bob", true, at("1m"));
        assertThat(t.write()).isEqualTo(RouteTarget.CANARY);
        assertThat(t.state().phase()).isEqualTo(Phase.Succeeded);
        assertThat(t.state().current()).isEqualTo(RouteTarget.CANARY);
        assertThat(t.state().reason()).isEqualTo("promoted fully");
        assertThat(lastEvent(t.state()).by()).isEqualTo("bob");
    }

    @Test
    void promoteFromTheLastStepSucceeds() {
        RolloutState s = started(spec(null, Step.weight(10, null), Step.weight(60, null)));
        RolloutState last = RolloutMachine.promote(s, "bob", false, at("1m")).state();
        Transition t = RolloutMachine.promote(last, "bob", false, at("2m"));
        assertThat(t.write()).isEqualTo(RouteTarget.CANARY);
        assertThat(t.state().phase()).isEqualTo(Phase.Succeeded);
        assertThat(t.state().reason()).isEqualTo("promoted");
    }

    @Test
    void promoteIntoALastStepOfWeight100Succeeds() {
        RolloutState s = started(spec(null, Step.weight(10, null), Step.weight(100, "1h")));
        Transition t = RolloutMachine.promote(s, "bob", false, at("1m"));
        assertThat(t.state().phase()).isEqualTo(Phase.Succeeded);
        assertThat(t.state().reason()).isEqualTo("reached 100 %");
        assertThat(t.write()).isEqualTo(RouteTarget.CANARY);
    }

    @Test
    void aWeight100StepBeforeTheLastDoesNotSucceed() {
        RolloutState s = started(spec(null, Step.weight(100, null), Step.weight(100, null)));
        assertThat(s.phase()).isEqualTo(Phase.Paused);
        assertThat(s.weight()).isEqualTo(100);
    }

    @Test
    void promoteIsRefusedWhenFinished() {
        RolloutState done = RolloutMachine.promote(started(spec(null, Step.weight(10, null))), "bob", true, T0).state();
        Transition t = RolloutMachine.promote(done, "bob", false, at("1m"));
        assertThat(t.refused()).isEqualTo(Transition.Refusal.FINISHED);
        assertThat(t.changed()).isFalse();
        assertThat(t.state()).isEqualTo(done);
        assertThat(t.write()).isNull();
        assertThat(RolloutMachine.promote(done, "bob", true, at("1m")).refused()).isEqualTo(Transition.Refusal.FINISHED);
    }

    // abort

    @Test
    void abortByHandSendsEverythingToStable() {
        RolloutState s = started(spec(null, Step.weight(30, "5m"), Step.weight(100, null)));
        Transition t = RolloutMachine.abort(s, "bob", "errors in the logs", at("1m"));
        assertThat(t.write()).isEqualTo(RouteTarget.STABLE);
        assertThat(t.state().phase()).isEqualTo(Phase.Aborted);
        assertThat(t.state().weight()).isZero();
        assertThat(t.state().reason()).isEqualTo("errors in the logs");
        assertThat(lastEvent(t.state())).isEqualTo(new RolloutEvent(at("1m"), "aborted", 0, 0, "bob",
                "errors in the logs"));
        assertThat(RolloutMachine.abort(t.state(), "bob", null, at("2m")).refused())
                .isEqualTo(Transition.Refusal.FINISHED);
    }

    @Test
    void describeSaysWhatAStepDoes() {
        assertThat(RolloutMachine.describe(Step.weight(25, "5m"))).isEqualTo("weight 25 %, pause 5m");
        assertThat(RolloutMachine.describe(new Step(null, null, null, 12.5))).isEqualTo("mirror 12.50 %, until promoted");
    }
}
