package dev.trafficwizard.release;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Durations;
import dev.trafficwizard.rollout.Gates;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks a rollout needs before it starts, until {@code rollout.RolloutSpecCheck} (h17 unit
 * helper) replaces them: versions of the service and different, at least one step, each step
 * exactly one of weight / header / mirror within range, pauses that are durations, gate limits in
 * range, and a metrics source when gates judge. Each problem names its field.
 */
final class MinimalSpecCheck {

    static final int MAX_STEPS = 50;

    private MinimalSpecCheck() {
    }

    static List<Diagnostic> check(RolloutSpec spec, List<String> versions, boolean metricsAvailable) {
        List<Diagnostic> out = new ArrayList<>();
        if (spec == null) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_REQUIRED, "stable"));
            return out;
        }
        version(out, "stable", spec.stable(), versions);
        version(out, "canary", spec.canary(), versions);
        if (spec.stable() != null && spec.stable().equals(spec.canary())) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_SAME_VERSION, "canary", spec.canary()));
        }
        if (spec.steps().isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_REQUIRED, "steps"));
        } else if (spec.steps().size() > MAX_STEPS) {
            // the state, with its history, lives in one ConfigMap
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_OUT_OF_RANGE, "steps", spec.steps().size(), 1, MAX_STEPS));
            return out;
        }
        for (int i = 0; i < spec.steps().size(); i++) {
            step(out, "steps[" + i + "]", spec.steps().get(i));
        }
        Gates gates = spec.gates();
        if (gates != null) {
            range(out, "gates.minSuccessRate", gates.minSuccessRate(), 0, 100);
            range(out, "gates.maxP99", gates.maxP99(), 0, Double.MAX_VALUE);
            range(out, "gates.minRequests", gates.minRequests() == null ? null : gates.minRequests().doubleValue(),
                    0, Double.MAX_VALUE);
            range(out, "gates.failureLimit", gates.failureLimit() == null ? null : gates.failureLimit().doubleValue(),
                    0, 1000);
            if (gates.interval() != null && !gates.interval().isBlank() && !duration(gates.interval())) {
                out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_DURATION, "gates.interval", gates.interval()));
            }
            if (gates.judges() && !metricsAvailable) {
                out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_NO_METRICS, "gates"));
            }
        }
        return out;
    }

    private static void version(List<Diagnostic> out, String path, String version, List<String> versions) {
        if (version == null || version.isBlank()) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_REQUIRED, path));
        } else if (!versions.contains(version)) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_UNKNOWN_VERSION, path, version, String.join(", ", versions)));
        }
    }

    private static void step(List<Diagnostic> out, String path, Step step) {
        if (step == null) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_STEP_KIND, path));
            return;
        }
        int kinds = (step.weight() != null ? 1 : 0) + (step.header() != null ? 1 : 0) + (step.mirror() != null ? 1 : 0);
        if (kinds != 1) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_STEP_KIND, path));
        }
        range(out, path + ".weight", step.weight() == null ? null : step.weight().doubleValue(), 0, 100);
        range(out, path + ".mirror", step.mirror(), 0, 100);
        if (step.header() != null) {
            if (step.header().name() == null || step.header().name().isBlank()) {
                out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_REQUIRED, path + ".header.name"));
            }
            if (step.header().value() == null || step.header().value().isBlank()) {
                out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_REQUIRED, path + ".header.value"));
            }
        }
        if (!step.untilPromoted() && !duration(step.pause())) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_DURATION, path + ".pause", step.pause()));
        }
    }

    /** A Go duration, not negative. */
    private static boolean duration(String value) {
        return Durations.nanos(value).orElse(-1) >= 0;
    }

    private static void range(List<Diagnostic> out, String path, Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            out.add(max == Double.MAX_VALUE ? Diagnostic.error(DiagnosticCode.ROLLOUT_NEGATIVE, path, format(value))
                    : Diagnostic.error(DiagnosticCode.ROLLOUT_OUT_OF_RANGE, path, format(value), format(min), format(max)));
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
