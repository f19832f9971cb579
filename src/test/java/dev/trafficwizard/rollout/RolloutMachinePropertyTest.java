package dev.trafficwizard.rollout;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random rollouts driven by random actions, ticks and verdicts (seeded): after every transition the
 * state is consistent. Seed and size: {@code -Dmachine.seed=N -Dmachine.count=N}.
 */
class RolloutMachinePropertyTest {

    static final long SEED = Long.getLong("machine.seed", 17L);
    static final int ROLLOUTS = Integer.getInteger("machine.count", 300);
    static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");

    @Test
    void everyTransitionLeavesAConsistentState() {
        Random random = new Random(SEED);
        int succeeded = 0;
        int aborted = 0;
        for (int n = 0; n < ROLLOUTS; n++) {
            RolloutSpec spec = spec(random);
            Instant now = T0;
            Transition t = RolloutMachine.start("default", "shop", spec, "alice", now);
            consistent(t, null, "rollout " + n + " start " + spec);
            for (int a = 0; a < 40 && !t.state().phase().finished(); a++) {
                now = now.plusSeconds(random.nextInt(200));
                RolloutState before = t.state();
                int action = random.nextInt(20);
                t = switch (action) {
                    case 0 -> RolloutMachine.promote(before, "bob", random.nextInt(5) == 0, now);
                    case 1 -> RolloutMachine.abort(before, "bob", "by hand", now);
                    case 2, 3 -> RolloutMachine.pause(before, "bob", now);
                    case 4, 5 -> RolloutMachine.resume(before, "bob", now);
                    case 6 -> RolloutMachine.interrupt(before, "changed", now);
                    default -> RolloutMachine.tick(before, now, RolloutMachine.judgementDue(before, now)
                            ? verdict(random) : null);
                };
                consistent(t, before, "rollout " + n + " action " + a + " (" + action + ") " + spec);
            }
            succeeded += t.state().phase() == Phase.Succeeded ? 1 : 0;
            aborted += t.state().phase() == Phase.Aborted ? 1 : 0;
        }
        assertThat(succeeded).isPositive();
        assertThat(aborted).isPositive();
    }

    private static void consistent(Transition t, RolloutState before, String where) {
        RolloutState s = t.state();
        if (t.refused() != null) {
            assertThat(s).as(where).isSameAs(before);
            assertThat(t.write()).as(where).isNull();
            return;
        }
        if (t.write() != null) {
            assertThat(s.current()).as(where).isEqualTo(t.write());
        }
        if (before != null && before.phase().finished()) {
            assertThat(s).as(where).isEqualTo(before);
        }
        assertThat(s.step()).as(where).isBetween(0, s.spec().steps().size() - 1);
        assertThat(s.history().size()).as(where).isLessThanOrEqualTo(RolloutState.MAX_HISTORY);
        switch (s.phase()) {
            case Succeeded -> assertThat(s.current()).as(where).isEqualTo(RouteTarget.CANARY);
            case Aborted -> assertThat(s.current()).as(where).isEqualTo(RouteTarget.STABLE);
            case Progressing -> {
                assertThat(s.paused()).as(where).isNull();
                assertThat(s.currentStep().untilPromoted()).as(where).isFalse();
                assertThat(s.current()).as(where).isEqualTo(s.currentStep().target());
            }
            case Paused -> {
                assertThat(s.paused()).as(where).isNotNull();
                assertThat(s.reason()).as(where).isNotBlank();
                if (s.paused() == RolloutState.PauseKind.PROMOTE) {
                    assertThat(s.currentStep().untilPromoted()).as(where).isTrue();
                    assertThat(s.current()).as(where).isEqualTo(s.currentStep().target());
                }
            }
        }
        if (s.phase() == Phase.Aborted && before != null && !before.phase().finished()) {
            assertThat(s.history().get(s.history().size() - 1).event()).as(where).isEqualTo("aborted");
        }
        if (before != null && s.failures() > before.failures()) {
            assertThat(s.history().get(s.history().size() - 1).event()).as(where).isIn("gate failed", "aborted");
        }
    }

    private static Verdict verdict(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Verdict.fail("bad");
            case 1 -> Verdict.hold("few");
            default -> Verdict.PASS;
        };
    }

    private static RolloutSpec spec(Random random) {
        List<Step> steps = new ArrayList<>();
        List<String> pauses = java.util.Arrays.asList(null, "0s", "1m", "5m");
        if (random.nextInt(3) == 0) {
            steps.add(new Step(null, pauses.get(random.nextInt(4)), new Step.HeaderRoute("x-canary", "on"), null));
        }
        if (random.nextInt(3) == 0) {
            steps.add(new Step(null, pauses.get(random.nextInt(4)), null, 10.0));
        }
        int weights = 1 + random.nextInt(4);
        for (int i = 0; i < weights; i++) {
            steps.add(Step.weight(Math.min(100, 10 + random.nextInt(4) * 30), pauses.get(random.nextInt(4))));
        }
        Gates gates = random.nextBoolean() ? null
                : new Gates(99.0, null, null, random.nextBoolean() ? null : "30s", random.nextInt(3));
        return new RolloutSpec("v1", "v2", steps, gates);
    }
}
