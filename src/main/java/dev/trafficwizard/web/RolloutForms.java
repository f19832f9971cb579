package dev.trafficwizard.web;

import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.rollout.Gates;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.Step;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The start form of a rollout: its defaults for a service, its add / remove step buttons, and the
 * rollout it asks for. A number that cannot be read is a diagnostic at the rollout's field path
 * ({@code steps[1].weight}, {@code gates.maxP99}); everything else is checked by the release
 * package when the rollout starts, with the same paths.
 */
final class RolloutForms {

    /** The most weight rows the form offers. */
    static final int MAX_STEPS = 20;

    private RolloutForms() {
    }

    /** Parsed form: the rollout (null when a number could not be read) and what could not be read. */
    record Parsed(RolloutSpec spec, List<Diagnostic> problems) {
    }

    /**
     * Stable: the version with the most traffic now (the first on a tie); canary: the newest other
     * version (the last in the catalog's order); steps 10 % and 50 % until promoted, then 100 %.
     */
    static RolloutForm defaults(ServiceSummary service) {
        RolloutForm form = new RolloutForm();
        List<VersionSummary> versions = service.versions();
        if (versions.isEmpty()) {
            return form;
        }
        VersionSummary stable = versions.stream()
                .max(Comparator.comparingInt(RolloutForms::share).thenComparing(v -> -versions.indexOf(v)))
                .orElse(versions.get(0));
        form.setStable(stable.version());
        versions.stream().map(VersionSummary::version).filter(v -> !v.equals(stable.version()))
                .reduce((a, b) -> b).ifPresent(form::setCanary);
        form.getSteps().add(new RolloutForm.StepRow("10", "", true));
        form.getSteps().add(new RolloutForm.StepRow("50", "", true));
        form.getSteps().add(new RolloutForm.StepRow("100", "", false));
        return form;
    }

    private static int share(VersionSummary v) {
        return v.routedShare() != null ? v.routedShare() : v.implicitShare() != null ? v.implicitShare() : 0;
    }

    /** Applies a button ({@code add-step}, {@code remove-step:i}); answers the id to focus afterwards. */
    static String apply(RolloutForm form, String op) {
        List<RolloutForm.StepRow> steps = form.getSteps();
        if ("first".equals(op)) {
            return "rollout-first";
        }
        if ("add-step".equals(op)) {
            if (steps.size() < MAX_STEPS) {
                steps.add(new RolloutForm.StepRow("", "", true));
                return "step-" + (steps.size() - 1) + "-weight";
            }
            return "add-step";
        }
        if (op != null && op.startsWith("remove-step:")) {
            try {
                int i = Integer.parseInt(op.substring("remove-step:".length()));
                if (i >= 0 && i < steps.size() && steps.size() > 1) {
                    steps.remove(i);
                    return i < steps.size() ? "step-" + i + "-remove" : "add-step";
                }
            } catch (NumberFormatException ignored) {
                // an unknown op: the form as it was
            }
        }
        return "add-step";
    }

    /** The rollout the form asks for. */
    static Parsed toSpec(RolloutForm form) {
        List<Diagnostic> problems = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if ("header".equals(form.getFirst())) {
            steps.add(new Step(null, pause(form.isFirstUntilPromoted(), form.getFirstPause()),
                    new Step.HeaderRoute(text(form.getHeaderName()), text(form.getHeaderValue())), null));
        } else if ("mirror".equals(form.getFirst())) {
            Double mirror = EditorPlans.percent(form.getMirror(), "steps[0].mirror", problems);
            steps.add(new Step(null, pause(form.isFirstUntilPromoted(), form.getFirstPause()), null,
                    mirror == null ? 0.0 : mirror));
        }
        for (int i = 0; i < form.getSteps().size(); i++) {
            RolloutForm.StepRow row = form.getSteps().get(i);
            Integer weight = EditorPlans.number(row.getWeight(), "steps[" + form.stepIndex(i) + "].weight", problems);
            steps.add(new Step(weight, pause(row.isUntilPromoted(), row.getPause()), null, null));
        }
        Double minSuccessRate = EditorPlans.percent(form.getMinSuccessRate(), "gates.minSuccessRate", problems);
        Integer maxP99 = EditorPlans.number(form.getMaxP99(), "gates.maxP99", problems);
        Integer minRequests = EditorPlans.number(form.getMinRequests(), "gates.minRequests", problems);
        Integer failureLimit = EditorPlans.number(form.getFailureLimit(), "gates.failureLimit", problems);
        String interval = blank(form.getInterval()) ? null : form.getInterval().trim();
        boolean anyGate = minSuccessRate != null || maxP99 != null || minRequests != null || failureLimit != null
                || interval != null;
        Gates gates = anyGate ? new Gates(minSuccessRate, maxP99 == null ? null : maxP99.doubleValue(),
                minRequests == null ? null : minRequests.longValue(), interval, failureLimit) : null;
        RolloutSpec spec = new RolloutSpec(text(form.getStable()), text(form.getCanary()), steps, gates);
        return new Parsed(problems.isEmpty() ? spec : null, problems);
    }

    /** Until promoted: no pause duration; otherwise the duration typed (blank: no pause, "0s"). */
    private static String pause(boolean untilPromoted, String typed) {
        if (untilPromoted) {
            return null;
        }
        return blank(typed) ? "0s" : typed.trim();
    }

    private static String text(String typed) {
        return typed == null ? "" : typed.trim();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
