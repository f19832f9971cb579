package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;

import java.math.BigDecimal;
import java.util.List;

/**
 * A rule's mirror and fault injection, at {@code rules[i].mirror} and {@code rules[i].fault}:
 * <ul>
 *   <li>{@code REQUIRED} / {@code UNKNOWN_VERSION} (errors) at {@code ...mirror.version};
 *       {@code MIRROR_NO_READY_PODS} (warning) there when the version has no ready pod;</li>
 *   <li>{@code PERCENT_RANGE} (error) at {@code ...mirror.percent}, {@code ...fault.delay.percent},
 *       {@code ...fault.abort.percent}: not 0 to 100; {@code PERCENT_TOO_SMALL} (error) at a
 *       fault's percent between 0 and 0.0001, which Istio refuses ({@code validatePercentage});</li>
 *   <li>{@code FAULT_EMPTY} (error) at {@code ...fault}: neither delay nor abort;</li>
 *   <li>{@code REQUIRED} at {@code ...fault.delay.fixed}; {@code INVALID_DURATION},
 *       {@code DURATION_TOO_SHORT}, {@code DURATION_PRECISION} there (see {@link Durations});</li>
 *   <li>{@code REQUIRED} / {@code HTTP_STATUS_RANGE} (errors) at {@code ...fault.abort.httpStatus}:
 *       200 to 599 (Istio's own check lets 600 through, Envoy's {@code http_status < 600} does not);</li>
 *   <li>{@code FAULT_AT_GATEWAY} (warning) at {@code ...fault} on a plan exposed through a gateway,
 *       {@code FAULT_ABORT_ALL} (warning) at {@code ...fault.abort} when every request is aborted.</li>
 * </ul>
 */
public final class MirrorFaultCheck implements PlanCheck {

    static final double MIN_FAULT_PERCENT = 0.0001;

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        RuleLoop.rules(plan, (i, rule, path) -> {
            if (rule.mirror() != null) {
                mirror(rule.mirror(), path + ".mirror", context.target(), out);
            }
            if (rule.fault() != null) {
                fault(plan, rule.fault(), path + ".fault", out);
            }
        });
    }

    private static void mirror(Mirror mirror, String path, TargetService target, List<Diagnostic> out) {
        String version = mirror.version();
        if (version == null || version.isBlank()) {
            out.add(Diagnostic.error(DiagnosticCode.REQUIRED, path + ".version"));
        } else if (target != null && target.version(version).isEmpty()) {
            List<String> known = target.versions().stream().map(TargetService.ServiceVersion::version).toList();
            out.add(Diagnostic.error(DiagnosticCode.UNKNOWN_VERSION, path + ".version", version, String.join(", ", known)));
        } else if (target != null && target.version(version).get().readyPods() == 0 && mirror.percentOrDefault() > 0) {
            out.add(Diagnostic.warning(DiagnosticCode.MIRROR_NO_READY_PODS, path + ".version", version));
        }
        percent(mirror.percent(), path + ".percent", false, out);
    }

    private static void fault(RoutingPlan plan, Fault fault, String path, List<Diagnostic> out) {
        if (fault.delay() == null && fault.abort() == null) {
            out.add(Diagnostic.error(DiagnosticCode.FAULT_EMPTY, path));
            return;
        }
        if (plan.gateway() != null) {
            out.add(Diagnostic.warning(DiagnosticCode.FAULT_AT_GATEWAY, path, String.valueOf(plan.gateway().name())));
        }
        Fault.Delay delay = fault.delay();
        if (delay != null) {
            if (delay.fixed() == null || delay.fixed().isBlank()) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, path + ".delay.fixed"));
            } else {
                DurationCheck.check(delay.fixed(), path + ".delay.fixed", out);
            }
            percent(delay.percent(), path + ".delay.percent", true, out);
        }
        Fault.Abort abort = fault.abort();
        if (abort != null) {
            Integer status = abort.httpStatus();
            boolean statusValid = false;
            if (status == null) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, path + ".abort.httpStatus"));
            } else if (status < 200 || status > 599) {
                out.add(Diagnostic.error(DiagnosticCode.HTTP_STATUS_RANGE, path + ".abort.httpStatus", status));
            } else {
                statusValid = true;
            }
            if (percent(abort.percent(), path + ".abort.percent", true, out) && statusValid
                    && abort.percentOrDefault() >= 100) {
                out.add(Diagnostic.warning(DiagnosticCode.FAULT_ABORT_ALL, path + ".abort", status));
            }
        }
    }

    /**
     * Reports a percent out of 0..100 (and, for a fault, one Istio finds too small); absent is
     * valid (100). Returns whether it is valid.
     */
    static boolean percent(Double value, String path, boolean fault, List<Diagnostic> out) {
        if (value == null) {
            return true;
        }
        if (value.isNaN() || value < 0 || value > 100) {
            out.add(Diagnostic.error(DiagnosticCode.PERCENT_RANGE, path, plain(value)));
            return false;
        }
        if (fault && value > 0 && value < MIN_FAULT_PERCENT) {
            out.add(Diagnostic.error(DiagnosticCode.PERCENT_TOO_SMALL, path, plain(value)));
            return false;
        }
        return true;
    }

    /** A number as written, without exponent or trailing zeros: {@code 0.00005}, {@code 150}. */
    static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }
}
