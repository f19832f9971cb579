package dev.trafficwizard.rollout;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Durations;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.checks.Limits;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks a rollout asked for before it starts, with paths of the request body ({@code stable},
 * {@code steps[1].weight}, {@code gates.interval}). Pure. The rules:
 * <ul>
 *   <li>no spec: {@code ROLLOUT_REQUIRED} at {@code ""};</li>
 *   <li>{@code stable} and {@code canary}: required ({@code ROLLOUT_VERSION_REQUIRED}, argument: the
 *       service's versions), a version of the service ({@code UNKNOWN_VERSION}), different
 *       ({@code ROLLOUT_SAME_VERSION} at {@code canary});</li>
 *   <li>{@code steps}: 1 to {@value #MAX_STEPS} ({@code ROLLOUT_NO_STEPS}, {@code ROLLOUT_TOO_MANY_STEPS},
 *       then nothing more is checked of them); each exactly one of weight, header, mirror
 *       ({@code ROLLOUT_STEP_KIND} at {@code steps[i]}); a weight 0–100 ({@code ROLLOUT_WEIGHT_RANGE});
 *       a weight under the one before: warning {@code ROLLOUT_WEIGHT_DECREASES}; header and mirror
 *       steps only before the first weight step, as they come before any user traffic
 *       ({@code ROLLOUT_STEP_ORDER} at {@code steps[i].header} / {@code .mirror}); a header name as a
 *       match takes it in the mesh ({@link Names#isHeaderName}: no JWT claim) and a value, neither
 *       empty ({@code REQUIRED}), the value without control characters nor over
 *       {@link Limits#MAX_VALUE_LENGTH} characters ({@code INVALID_HEADER_NAME},
 *       {@code CONTROL_CHARACTER}, {@code TOO_LONG}); a mirror more than 0 and at most 100
 *       ({@code ROLLOUT_MIRROR_RANGE}); a pause absent or blank (until promoted), else a Go duration
 *       ({@code INVALID_DURATION}) not negative ({@code ROLLOUT_PAUSE_NEGATIVE});</li>
 *   <li>{@code gates}: {@code minSuccessRate} 0–100, {@code maxP99} over 0, {@code minRequests} and
 *       {@code failureLimit} 0 or more ({@code ROLLOUT_*_RANGE}), {@code interval} a duration of at
 *       least 30s (rate() over a shorter window than two scrapes answers nothing, so every judgement
 *       would hold) and at most 1h ({@code INVALID_DURATION}, {@code ROLLOUT_INTERVAL_TOO_SHORT},
 *       {@code ROLLOUT_INTERVAL_TOO_LONG}); limits to judge
 *       while no metrics source is configured: {@code ROLLOUT_NO_METRICS} at {@code gates}.</li>
 * </ul>
 */
public final class RolloutSpecCheck {

    /** The most steps a rollout may have. */
    public static final int MAX_STEPS = 20;

    /** The shortest gate interval: Prometheus' rate() needs two scrapes (15s apart by default) inside it. */
    public static final long MIN_INTERVAL_SECONDS = 30;

    /** The longest gate interval (a judgement an hour apart is already slow for a step). */
    public static final long MAX_INTERVAL_SECONDS = 3600;

    private static final long SECOND = 1_000_000_000L;

    private RolloutSpecCheck() {
    }

    /**
     * What is wrong with {@code spec} for a service with {@code versions} (null: not known, not
     * checked), when metrics are ({@code metricsAvailable}) or are not configured.
     */
    public static List<Diagnostic> check(RolloutSpec spec, List<String> versions, boolean metricsAvailable) {
        List<Diagnostic> out = new ArrayList<>();
        if (spec == null) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_REQUIRED, ""));
            return out;
        }
        version(spec.stable(), "stable", versions, out);
        if (version(spec.canary(), "canary", versions, out) && spec.canary().equals(spec.stable())) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_SAME_VERSION, "canary", spec.stable()));
        }
        steps(spec.steps(), out);
        if (spec.gates() != null) {
            gates(spec.gates(), metricsAvailable, out);
        }
        return out;
    }

    /** Whether the version is given (reported when not, or not one of the service's). */
    private static boolean version(String version, String path, List<String> versions, List<Diagnostic> out) {
        String known = versions == null ? "" : String.join(", ", versions);
        if (version == null || version.isBlank()) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_VERSION_REQUIRED, path, known));
            return false;
        }
        if (versions != null && !versions.contains(version)) {
            out.add(Diagnostic.error(DiagnosticCode.UNKNOWN_VERSION, path, version, known));
        }
        return true;
    }

    private static void steps(List<Step> steps, List<Diagnostic> out) {
        if (steps.isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_NO_STEPS, "steps"));
            return;
        }
        if (steps.size() > MAX_STEPS) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_TOO_MANY_STEPS, "steps", MAX_STEPS));
            return;
        }
        int firstWeight = -1;
        Integer previous = null;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = "steps[" + i + "]";
            int kinds = step == null ? 0 : (step.weight() != null ? 1 : 0) + (step.header() != null ? 1 : 0)
                    + (step.mirror() != null ? 1 : 0);
            if (kinds != 1) {
                out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_STEP_KIND, at));
            }
            if (step == null) {
                continue;
            }
            if (step.weight() != null) {
                int weight = step.weight();
                if (weight < 0 || weight > 100) {
                    out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_WEIGHT_RANGE, at + ".weight", String.valueOf(weight)));
                } else if (previous != null && weight < previous) {
                    out.add(Diagnostic.warning(DiagnosticCode.ROLLOUT_WEIGHT_DECREASES, at + ".weight", weight, previous));
                }
                previous = weight;
                firstWeight = firstWeight < 0 ? i : firstWeight;
            }
            if (step.header() != null) {
                if (firstWeight >= 0) {
                    out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_STEP_ORDER, at + ".header", firstWeight + 1));
                }
                header(step.header(), at + ".header", out);
            }
            if (step.mirror() != null) {
                double mirror = step.mirror();
                if (firstWeight >= 0) {
                    out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_STEP_ORDER, at + ".mirror", firstWeight + 1));
                }
                if (!(mirror > 0 && mirror <= 100)) {
                    out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_MIRROR_RANGE, at + ".mirror", number(mirror)));
                }
            }
            if (!step.untilPromoted()) {
                OptionalLong pause = Durations.nanos(step.pause());
                if (pause.isEmpty()) {
                    out.add(Diagnostic.error(DiagnosticCode.INVALID_DURATION, at + ".pause", step.pause()));
                } else if (pause.getAsLong() < 0) {
                    out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_PAUSE_NEGATIVE, at + ".pause", step.pause()));
                }
            }
        }
    }

    /** A header as an exact match the rollout's rule puts first (the value as MatchCheck reads a header's). */
    private static void header(Step.HeaderRoute header, String at, List<Diagnostic> out) {
        if (header.name() == null || header.name().isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.REQUIRED, at + ".name"));
        } else if (!Names.isHeaderName(header.name())) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_HEADER_NAME, at + ".name", header.name()));
        }
        String value = header.value();
        if (value == null || value.isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.REQUIRED, at + ".value"));
            return;
        }
        int control = Names.firstControlCharacter(value, true);
        if (value.length() > Limits.MAX_VALUE_LENGTH) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, at + ".value", Limits.MAX_VALUE_LENGTH));
        } else if (control >= 0) {
            out.add(Diagnostic.error(DiagnosticCode.CONTROL_CHARACTER, at + ".value",
                    String.format("U+%04X", (int) value.charAt(control)), control + 1));
        }
    }

    private static void gates(Gates gates, boolean metricsAvailable, List<Diagnostic> out) {
        if (gates.judges() && !metricsAvailable) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_NO_METRICS, "gates"));
        }
        if (gates.minSuccessRate() != null && !(gates.minSuccessRate() >= 0 && gates.minSuccessRate() <= 100)) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_SUCCESS_RATE_RANGE, "gates.minSuccessRate",
                    number(gates.minSuccessRate())));
        }
        if (gates.maxP99() != null && !(gates.maxP99() > 0 && gates.maxP99() < Double.POSITIVE_INFINITY)) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_MAX_P99_RANGE, "gates.maxP99", number(gates.maxP99())));
        }
        if (gates.minRequests() != null && gates.minRequests() < 0) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_MIN_REQUESTS_RANGE, "gates.minRequests",
                    String.valueOf(gates.minRequests())));
        }
        if (gates.interval() != null && !gates.interval().isBlank()) {
            OptionalLong interval = Durations.nanos(gates.interval());
            if (interval.isEmpty()) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_DURATION, "gates.interval", gates.interval()));
            } else if (interval.getAsLong() < MIN_INTERVAL_SECONDS * SECOND) {
                // rate()/increase() need two scrapes inside the window: shorter windows answer nothing and every judgement holds
                out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_INTERVAL_TOO_SHORT, "gates.interval", gates.interval()));
            } else if (interval.getAsLong() > MAX_INTERVAL_SECONDS * SECOND) {
                out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_INTERVAL_TOO_LONG, "gates.interval", gates.interval()));
            }
        }
        if (gates.failureLimit() != null && gates.failureLimit() < 0) {
            out.add(Diagnostic.error(DiagnosticCode.ROLLOUT_FAILURE_LIMIT_RANGE, "gates.failureLimit",
                    String.valueOf(gates.failureLimit())));
        }
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Gates.number(value) : String.valueOf(value);
    }
}
