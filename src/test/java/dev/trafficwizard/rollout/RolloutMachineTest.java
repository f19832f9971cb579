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

    // gates

    @Test
    void judgementIsDueOneIntervalAfterTheStepBeganThenAfterEachJudgement() {
        RolloutState s = started(spec(new Gates(99.0, null, null, "2m", null), Step.weight(10, "10m"),
                Step.weight(50, "10m")));
        assertThat(RolloutMachine.judgementDue(s, at("1m59s"))).isFalse();
        assertThat(RolloutMachine.judgementDue(s, at("2m"))).isTrue();
        RolloutState judged = RolloutMachine.tick(s, at("2m"), Verdict.PASS).state();
        assertThat(judged.lastJudged()).isEqualTo(at("2m"));
        assertThat(RolloutMachine.judgementDue(judged, at("3m59s"))).isFalse();
        assertThat(RolloutMachine.judgementDue(judged, at("4m"))).isTrue();
    }

    @Test
    void theDefaultIntervalIsOneMinuteAndNeverUnderASecond() {
        assertThat(RolloutMachine.interval(new Gates(99.0, null, null, null, null))).isEqualTo(Duration.ofMinutes(1));
        assertThat(RolloutMachine.interval(new Gates(99.0, null, null, "100ms", null))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RolloutMachine.interval(new Gates(99.0, null, null, "90s", null))).isEqualTo(Duration.ofSeconds(90));
        RolloutState s = started(spec(SUCCESS_99, Step.weight(10, "10m")));
        assertThat(RolloutMachine.judgementDue(s, at("59s"))).isFalse();
        assertThat(RolloutMachine.judgementDue(s, at("1m"))).isTrue();
    }

    @Test
    void gatesWithoutLimitsAreNeverDueAndDoNotHoldSteps() {
        RolloutState s = started(spec(new Gates(null, null, 100L, "1m", 3), Step.weight(10, "1m"), Step.weight(50, null)));
        assertThat(RolloutMachine.judgementDue(s, at("1h"))).isFalse();
        assertThat(RolloutMachine.tick(s, at("1m"), null).state().step()).isEqualTo(1);
        assertThat(new Gates(null, null, 100L, "1m", 3).judge(null)).isEqualTo(Verdict.PASS);
    }

    @Test
    void aTimedStepWithGatesEndsOnlyAfterAPassDuringTheStep() {
        RolloutState s = started(spec(SUCCESS_99, Step.weight(10, "0s"), Step.weight(50, null)));
        Transition noJudgement = RolloutMachine.tick(s, T0, null);
        assertThat(noJudgement.write()).isNull();
        assertThat(noJudgement.state().step()).isZero();
        Transition passed = RolloutMachine.tick(s, at("1m"), Verdict.PASS);
        assertThat(passed.state().step()).isEqualTo(1);
        assertThat(passed.write()).isEqualTo(new RouteTarget(50, null, null));
        assertThat(passed.state().stepVerdict()).isNull();
    }

    @Test
    void aPassBeforeThePauseEndsWaitsForTheTime() {
        RolloutState s = started(spec(SUCCESS_99, Step.weight(10, "5m"), Step.weight(50, null)));
        RolloutState judged = RolloutMachine.tick(s, at("1m"), Verdict.PASS).state();
        assertThat(judged.step()).isZero();
        assertThat(judged.stepVerdict()).isEqualTo(Verdict.Kind.PASS);
        assertThat(RolloutMachine.tick(judged, at("5m"), null).state().step()).isEqualTo(1);
    }

    @Test
    void aHoldNeverPassesAStepAndIsWrittenOncePerStep() {
        RolloutState s = started(spec(SUCCESS_99, Step.weight(10, "1m"), Step.weight(50, null)));
        Verdict few = SUCCESS_99.judge(canary(3, 100.0, null));
        assertThat(few.kind()).isEqualTo(Verdict.Kind.HOLD);
        assertThat(few.reason()).isEqualTo("3 requests to the canary, 10 needed to judge");
        RolloutState held = RolloutMachine.tick(s, at("1m"), few).state();
        assertThat(held.step()).isZero();
        assertThat(held.stepVerdict()).isEqualTo(Verdict.Kind.HOLD);
        assertThat(lastEvent(held).event()).isEqualTo("held");
        assertThat(lastEvent(held).reason()).isEqualTo(few.reason());
        RolloutState again = RolloutMachine.tick(held, at("2m"), SUCCESS_99.judge(null)).state();
        assertThat(again.step()).isZero();
        assertThat(again.history()).hasSameSizeAs(held.history());
        assertThat(again.lastJudged()).isEqualTo(at("2m"));
        assertThat(again.failures()).isZero();
        assertThat(RolloutMachine.tick(again, at("3m"), Verdict.PASS).state().step()).isEqualTo(1);
    }

    @Test
    void noFiguresHold() {
        assertThat(SUCCESS_99.judge(null)).isEqualTo(Verdict.hold("no metrics for the canary"));
        assertThat(new Gates(null, 500.0, 0L, null, null).judge(canary(20, 100.0, null)))
                .isEqualTo(Verdict.hold("no latency figures for the canary"));
        assertThat(new Gates(99.0, null, 0L, null, null).judge(VersionFigures.none("v2")))
                .isEqualTo(Verdict.hold("no success rate for the canary"));
    }

    @Test
    void gatesJudgeSuccessRateAndLatency() {
        Gates gates = new Gates(99.0, 500.0, 10L, null, null);
        assertThat(gates.judge(canary(100, 99.5, 120.0))).isEqualTo(Verdict.PASS);
        assertThat(gates.judge(canary(100, 80.0, 120.0))).isEqualTo(Verdict.fail("success rate 80 % below 99 %"));
        assertThat(gates.judge(canary(100, 99.5, 612.5)))
                .isEqualTo(Verdict.fail("p99 latency 612.50 ms above 500 ms"));
        assertThat(gates.judge(canary(10, 99.0, 500.0))).isEqualTo(Verdict.PASS);
    }

    @Test
    void theFirstFailureAbortsWithTheDefaultLimit() {
        RolloutState s = started(spec(SUCCESS_99, Step.weight(10, "5m"), Step.weight(50, null)));
        Verdict bad = SUCCESS_99.judge(canary(100, 80.0, null));
        Transition t = RolloutMachine.tick(s, at("1m"), bad);
        assertThat(t.write()).isEqualTo(RouteTarget.STABLE);
        RolloutState aborted = t.state();
        assertThat(aborted.phase()).isEqualTo(Phase.Aborted);
        assertThat(aborted.weight()).isZero();
        assertThat(aborted.failures()).isEqualTo(1);
        assertThat(aborted.reason()).isEqualTo("gate: success rate 80 % below 99 %");
        assertThat(events(aborted)).endsWith("gate failed", "aborted");
        RolloutEvent event = lastEvent(aborted);
        assertThat(event.by()).isNull();
        assertThat(event.reason()).isEqualTo("gate: success rate 80 % below 99 %");
        assertThat(event.weight()).isZero();
        assertThat(event.step()).isZero();
    }

    @Test
    void aFailureLimitOf2AbortsAtTheThirdFailedJudgementCountedOverTheRollout() {
        Gates gates = new Gates(99.0, null, null, null, 2);
        RolloutState s = started(spec(gates, Step.weight(10, "2m"), Step.weight(50, "10m"), Step.weight(100, null)));
        RolloutState one = RolloutMachine.tick(s, at("1m"), Verdict.fail("bad")).state();
        assertThat(one.phase()).isEqualTo(Phase.Progressing);
        assertThat(one.failures()).isEqualTo(1);
        assertThat(lastEvent(one).event()).isEqualTo("gate failed");
        assertThat(lastEvent(one).reason()).isEqualTo("bad");
        assertThat(RolloutMachine.tick(one, at("2m"), null).state().step()).as("a failed step does not pass").isZero();
        RolloutState passed = RolloutMachine.tick(one, at("2m"), Verdict.PASS).state();
        assertThat(passed.step()).isEqualTo(1);
        RolloutState two = RolloutMachine.tick(passed, at("3m"), Verdict.fail("bad")).state();
        assertThat(two.failures()).isEqualTo(2);
        assertThat(two.phase()).isEqualTo(Phase.Progressing);
        Transition three = RolloutMachine.tick(two, at("4m"), Verdict.fail("worse"));
        assertThat(three.state().phase()).isEqualTo(Phase.Aborted);
        assertThat(three.write()).isEqualTo(RouteTarget.STABLE);
        assertThat(three.state().reason()).isEqualTo("gate: worse (3 failed judgements)");
    }

    @Test
    void gatesJudgeWhileWaitingForAPromoteAndMayAbort() {
        RolloutState s = started(spec(SUCCESS_99, Step.weight(10, null), Step.weight(50, null)));
        assertThat(RolloutMachine.judgementDue(s, at("1m"))).isTrue();
        RolloutState passed = RolloutMachine.tick(s, at("1m"), Verdict.PASS).state();
        assertThat(passed.phase()).isEqualTo(Phase.Paused);
        assertThat(passed.step()).isZero();
        assertThat(RolloutMachine.tick(passed, at("2m"), Verdict.fail("bad")).state().phase()).isEqualTo(Phase.Aborted);
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

    @Test
    void describeSaysWhatAStepDoes() {
        assertThat(RolloutMachine.describe(Step.weight(25, "5m"))).isEqualTo("weight 25 %, pause 5m");
        assertThat(RolloutMachine.describe(new Step(null, null, null, 12.5))).isEqualTo("mirror 12.50 %, until promoted");
    }
}
