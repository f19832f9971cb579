package dev.trafficwizard.rollout;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.trafficwizard.rollout.RolloutMachineTest.SUCCESS_99;
import static dev.trafficwizard.rollout.RolloutMachineTest.T0;
import static dev.trafficwizard.rollout.RolloutMachineTest.at;
import static dev.trafficwizard.rollout.RolloutMachineTest.canary;
import static dev.trafficwizard.rollout.RolloutMachineTest.events;
import static dev.trafficwizard.rollout.RolloutMachineTest.lastEvent;
import static dev.trafficwizard.rollout.RolloutMachineTest.spec;
import static dev.trafficwizard.rollout.RolloutMachineTest.started;
import static org.assertj.core.api.Assertions.assertThat;

/** The gates in the step machine: when they judge, pass, hold, fail, and the failure limit. */
class RolloutMachineGatesTest {


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
    void aHoldAfterAPassHoldsTheStepAgainOnlyTheLatestJudgementCounts() {
        RolloutState s = started(spec(SUCCESS_99, Step.weight(10, "5m"), Step.weight(50, null)));
        RolloutState passed = RolloutMachine.tick(s, at("1m"), Verdict.PASS).state();
        RolloutState held = RolloutMachine.tick(passed, at("2m"), Verdict.hold("3 requests to the canary")).state();
        assertThat(held.stepVerdict()).isEqualTo(Verdict.Kind.HOLD);
        Transition timeUp = RolloutMachine.tick(held, at("5m"), null);
        assertThat(timeUp.state().step()).isZero();
        assertThat(timeUp.write()).isNull();
        RolloutState passedAgain = RolloutMachine.tick(held, at("6m"), Verdict.PASS).state();
        assertThat(passedAgain.step()).isEqualTo(1);
    }

    @Test
    void aCanaryThatAnswersNothingWhileTheStableAnswersFails() {
        VersionFigures silent = VersionFigures.none("v2");
        VersionFigures stable = new VersionFigures("v1", 250, 4.2, 100.0, 12.0, null);
        Verdict down = SUCCESS_99.judge(silent, stable, 10);
        assertThat(down.kind()).isEqualTo(Verdict.Kind.FAIL);
        assertThat(down.reason()).isEqualTo("the canary answered no requests while the stable version answered 250");
        assertThat(SUCCESS_99.judge(null, stable, 10).kind()).isEqualTo(Verdict.Kind.FAIL);
        // no share of the split (a header or mirror step), or too little stable traffic: nothing to conclude
        assertThat(SUCCESS_99.judge(silent, stable, 0).kind()).isEqualTo(Verdict.Kind.HOLD);
        assertThat(SUCCESS_99.judge(silent, new VersionFigures("v1", 9, 0.1, 100.0, 12.0, null), 10).kind())
                .isEqualTo(Verdict.Kind.HOLD);
        assertThat(SUCCESS_99.judge(silent, null, 10).kind()).isEqualTo(Verdict.Kind.HOLD);
        assertThat(SUCCESS_99.judge(canary(3, 100.0, null), stable, 10).kind()).isEqualTo(Verdict.Kind.HOLD);
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
}
