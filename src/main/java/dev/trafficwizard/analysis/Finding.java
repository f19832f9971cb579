package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * A diagnostic about a live (or pasted) routing object: our stable code, Istio's analyzer code
 * where Istio has the same rule ({@code IST0130} …, else null), severity, message key
 * ({@code diagnostic.<CODE>}) with arguments, the object, and the YAML path in it that the
 * finding concerns, such as {@code spec.http[1].match[0]}.
 */
public record Finding(String code, String istioCode, Severity severity, String messageKey, List<Object> args,
                      ObjectRef object, String path) {

    public Finding {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Finding of(DiagnosticCode code, Severity severity, HasMetadata object, String path, Object... args) {
        return new Finding(code.name(), code.istioCode(), severity, code.messageKey(), List.of(args),
                ObjectRef.of(object), path);
    }

    public static Finding error(DiagnosticCode code, HasMetadata object, String path, Object... args) {
        return of(code, Severity.ERROR, object, path, args);
    }

    public static Finding warning(DiagnosticCode code, HasMetadata object, String path, Object... args) {
        return of(code, Severity.WARNING, object, path, args);
    }

    public static Finding info(DiagnosticCode code, HasMetadata object, String path, Object... args) {
        return of(code, Severity.INFO, object, path, args);
    }

    public boolean is(DiagnosticCode expected) {
        return code.equals(expected.name());
    }
}
