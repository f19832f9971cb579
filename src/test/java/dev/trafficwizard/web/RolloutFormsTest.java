package dev.trafficwizard.web;

import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.rollout.Step;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** #17 the start form of a rollout: its defaults, its step buttons, and the rollout it asks for. */
class RolloutFormsTest {

    static VersionSummary version(String name, Integer routed) {
        return new VersionSummary(name, List.of("d-" + name), 1, 1, null, routed);
    }

    @Test
    void theStableIsTheBusiestVersionAndTheCanaryTheNewestOther() {
        ServiceSummary routed = new ServiceSummary("ns", "svc", "version",
                List.of(version("v1", 10), version("v2", 90), version("v3", 0)), RoutingState.MANAGED);
        RolloutForm form = RolloutForms.defaults(routed);
        assertThat(form.getStable()).isEqualTo("v2");
        assertThat(form.getCanary()).isEqualTo("v3");

        ServiceSummary even = new ServiceSummary("ns", "svc", "version",
                List.of(version("v1", null), version("v2", null), version("v3", null)), RoutingState.NONE);
        RolloutForm first = RolloutForms.defaults(even);
        assertThat(first.getStable()).isEqualTo("v1");
        assertThat(first.getCanary()).isEqualTo("v3");
        assertThat(first.getSteps()).extracting(RolloutForm.StepRow::getWeight).containsExactly("10", "50", "100");
        assertThat(first.getSteps()).extracting(RolloutForm.StepRow::isUntilPromoted).containsExactly(true, true, false);
    }

    @Test
    void aMirrorFirstStepComesFirstAndEachPauseIsUntilPromotedADurationOrNone() {
        RolloutForm form = new RolloutForm();
        form.setStable("v1");
        form.setCanary("v2");
        form.setFirst("mirror");
        form.setMirror("12.5");
        form.setFirstUntilPromoted(false);
        form.setFirstPause("2m");
        form.getSteps().add(new RolloutForm.StepRow("25", "ignored", true));
        form.getSteps().add(new RolloutForm.StepRow("100", " ", false));
        RolloutForms.Parsed parsed = RolloutForms.toSpec(form);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.spec().steps()).containsExactly(new Step(null, "2m", null, 12.5), Step.weight(25, null),
                Step.weight(100, "0s"));
        assertThat(parsed.spec().gates()).isNull();
    }

    @Test
    void numbersThatCannotBeReadAreNamedByTheRolloutsFieldPaths() {
        RolloutForm form = new RolloutForm();
        form.setFirst("header");
        form.getSteps().add(new RolloutForm.StepRow("x", "", true));
        form.setMaxP99("fast");
        form.setMinRequests("٩٠");
        RolloutForms.Parsed parsed = RolloutForms.toSpec(form);
        assertThat(parsed.spec()).isNull();
        assertThat(parsed.problems()).extracting(d -> d.path() + " " + d.code())
                .containsExactly("steps[1].weight NOT_A_NUMBER", "gates.maxP99 NOT_A_NUMBER", "gates.minRequests NOT_ASCII_NUMBER");
    }

    @Test
    void stepButtonsAddUpToTheLimitAndNeverRemoveTheLastStep() {
        RolloutForm form = new RolloutForm();
        form.getSteps().add(new RolloutForm.StepRow("10", "", true));
        assertThat(RolloutForms.apply(form, "remove-step:0")).isEqualTo("add-step");
        assertThat(form.getSteps()).hasSize(1);
        for (int i = 1; i < RolloutForms.MAX_STEPS; i++) {
            assertThat(RolloutForms.apply(form, "add-step")).isEqualTo("step-" + i + "-weight");
        }
        assertThat(RolloutForms.apply(form, "add-step")).isEqualTo("add-step");
        assertThat(form.getSteps()).hasSize(RolloutForms.MAX_STEPS);
        assertThat(RolloutForms.apply(form, "remove-step:99")).isEqualTo("add-step");
        assertThat(RolloutForms.apply(form, "remove-step:x")).isEqualTo("add-step");
        assertThat(form.getSteps()).hasSize(RolloutForms.MAX_STEPS);
    }

    @Test
    void aSparklineIsDrawnFromTwoPointsAndFailingVersionsAreMarked() {
        assertThat(Sparkline.svg(List.of(1.0), false)).isEmpty();
        String svg = Sparkline.svg(List.of(0.0, 10.0, 5.0), true);
        assertThat(svg).startsWith("<svg class=\"tw-spark tw-spark-fail\"").contains("points=\"1.0,16.0 32.0,2.0 63.0,9.0\"");
    }
}
