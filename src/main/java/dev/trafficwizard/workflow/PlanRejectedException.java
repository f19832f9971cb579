package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.Diagnostic;

import java.util.List;

/** The plan has errors: nothing was written. */
public class PlanRejectedException extends RuntimeException {

    private final List<Diagnostic> diagnostics;

    public PlanRejectedException(List<Diagnostic> diagnostics) {
        super("The plan has errors: " + diagnostics.stream().filter(Diagnostic::isError)
                .map(d -> d.code() + " at " + d.path()).toList());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
