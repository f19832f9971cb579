package dev.trafficwizard.routing;

import java.util.List;

/**
 * A finding about a plan: a stable code (a {@link DiagnosticCode} by name), a severity, a message key (resolved by the web layer
 * from the message bundles) with its arguments, and the path of the plan field it concerns,
 * such as {@code rules[0].route[1].weight}.
 */
public record Diagnostic(String code, Severity severity, String messageKey, List<Object> args, String path) {

    public Diagnostic {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Diagnostic error(DiagnosticCode code, String path, Object... args) {
        return new Diagnostic(code.name(), Severity.ERROR, code.messageKey(), List.of(args), path);
    }

    public static Diagnostic warning(DiagnosticCode code, String path, Object... args) {
        return new Diagnostic(code.name(), Severity.WARNING, code.messageKey(), List.of(args), path);
    }

    public boolean is(DiagnosticCode expected) {
        return code.equals(expected.name());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
