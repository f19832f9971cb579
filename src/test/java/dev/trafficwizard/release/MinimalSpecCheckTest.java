package dev.trafficwizard.release;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.rollout.Gates;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.Step;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** #17: the checks a rollout passes before it starts (until RolloutSpecCheck replaces them), each at its field. */
class MinimalSpecCheckTest {

    static final List<String> VERSIONS = List.of("v1", "v2", "v3");

    static List<String> problems(RolloutSpec spec, boolean metrics) {
        return MinimalSpecCheck.check(spec, VERSIONS, metrics).stream().map(d -> d.code() + " " + d.path()).toList();
    }

    @Test
    void aGoodSpecHasNoProblems() {
        assertThat(problems(new RolloutSpec("v1", "v2", List.of(new Step(null, null,
                new Step.HeaderRoute("x-canary", "yes"), null), new Step(null, "1m", null, 10.0),
                Step.weight(50, "5m"), Step.weight(100, null)), new Gates(99.0, 300.0, 20L, "2m", 1)), true)).isEmpty();
    }

    @Test
    void eachProblemNamesItsField() {
        assertThat(problems(new RolloutSpec(null, "v9", List.of(new Step(null, "-5m", null, null),
                new Step(101, null, null, null), new Step(-1, null, null, 150.0),
                new Step(null, null, new Step.HeaderRoute(" ", null), null)),
                new Gates(120.0, -1.0, -5L, "often", -1)), false)).containsExactly(
                "ROLLOUT_REQUIRED stable", "ROLLOUT_UNKNOWN_VERSION canary",
                "ROLLOUT_STEP_KIND steps[0]", "ROLLOUT_DURATION steps[0].pause",
                "ROLLOUT_OUT_OF_RANGE steps[1].weight",
                "ROLLOUT_STEP_KIND steps[2]", "ROLLOUT_OUT_OF_RANGE steps[2].weight", "ROLLOUT_OUT_OF_RANGE steps[2].mirror",
                "ROLLOUT_REQUIRED steps[3].header.name", "ROLLOUT_REQUIRED steps[3].header.value",
                "ROLLOUT_OUT_OF_RANGE gates.minSuccessRate", "ROLLOUT_NEGATIVE gates.maxP99",
                "ROLLOUT_NEGATIVE gates.minRequests", "ROLLOUT_OUT_OF_RANGE gates.failureLimit",
                "ROLLOUT_DURATION gates.interval", "ROLLOUT_NO_METRICS gates");
    }

    @Test
    void theSameVersionNoStepsTooManyStepsAndNoSpec() {
        assertThat(problems(new RolloutSpec("v1", "v1", List.of(), null), true))
                .containsExactly("ROLLOUT_SAME_VERSION canary", "ROLLOUT_REQUIRED steps");
        assertThat(problems(new RolloutSpec("v1", "v2", Collections.nCopies(51, Step.weight(1, "0s")), null), true))
                .containsExactly("ROLLOUT_OUT_OF_RANGE steps");
        assertThat(problems(null, true)).containsExactly("ROLLOUT_REQUIRED stable");
        assertThat(problems(new RolloutSpec("v1", "v2", List.of(Step.weight(10, null)),
                new Gates(null, null, 5L, null, null)), false)).as("gates without limits need no metrics").isEmpty();
        List<Diagnostic> unknown = MinimalSpecCheck.check(new RolloutSpec("v1", "v9", List.of(Step.weight(1, null)),
                null), VERSIONS, true);
        assertThat(unknown.get(0).args()).containsExactly("v9", "v1, v2, v3");
    }
}
