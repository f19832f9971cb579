package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Durations;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Durations;

import java.util.List;

/** A request duration of a plan, checked as Istio's admission checks it ({@link Durations#problem}). */
final class DurationCheck {

    private DurationCheck() {
    }

    /**
     * Checks a request duration at {@code path}: {@code INVALID_DURATION} when it is not one,
     * {@code DURATION_TOO_SHORT} under 1ms, {@code DURATION_PRECISION} when not a whole number of
     * milliseconds (argument: the value). Returns its nanoseconds, or -1 when reported.
     */
    static long check(String value, String path, List<Diagnostic> out) {
        Durations.Problem problem = Durations.problem(value);
        if (problem == null) {
            return Durations.nanos(value).getAsLong();
        }
        out.add(switch (problem) {
            case INVALID -> Diagnostic.error(DiagnosticCode.INVALID_DURATION, path, value);
            case TOO_SHORT -> Diagnostic.error(DiagnosticCode.DURATION_TOO_SHORT, path, value);
            case PRECISION -> Diagnostic.error(DiagnosticCode.DURATION_PRECISION, path, value);
        });
        return -1;
    }
}
