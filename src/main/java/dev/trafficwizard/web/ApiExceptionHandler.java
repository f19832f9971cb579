package dev.trafficwizard.web;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.workflow.PlanRejectedException;
import dev.trafficwizard.workflow.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;

/**
 * Turns failures of the REST API into JSON diagnostics naming the field: unreadable bodies 400 (413
 * when cut off over the size limit), invalid plans 422; and answers the outcome of a write ({@link #answer}): conflicts 409 with a
 * reload path, cluster failures 502 saying what was put back.
 */
@RestControllerAdvice(assignableTypes = {RoutingApiController.class, ServicesApiController.class,
        RolloutApiController.class})
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** The field named when the body as a whole cannot be read. */
    static final String BODY = "body";

    private final DiagnosticMessages messages;

    ApiExceptionHandler(DiagnosticMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponses.ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.TooLarge tooLarge) {
                // a body without Content-Length, cut off by BodySizeLimit once over the limit
                return body(HttpStatus.CONTENT_TOO_LARGE, List.of(BodySizeLimit.diagnostic(tooLarge.maxBytes)));
            }
        }
        Diagnostic diagnostic;
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            diagnostic = Diagnostic.error(DiagnosticCode.UNKNOWN_FIELD, path(unknown), unknown.getPropertyName());
        } else if (e.getCause() instanceof StreamReadException syntax && !(syntax instanceof InputCoercionException)) {
            // not JSON (syntax error, cut-off body); Jackson 3 knows where inside the body, so keep the path
            diagnostic = Diagnostic.error(DiagnosticCode.MALFORMED_REQUEST, pathOrBody(syntax), firstLine(syntax.getOriginalMessage()));
        } else if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            diagnostic = Diagnostic.error(DiagnosticCode.INVALID_VALUE, path(jackson), firstLine(jackson.getOriginalMessage()));
        } else {
            String reason = e.getCause() instanceof JacksonException j ? j.getOriginalMessage() : "the body is missing";
            diagnostic = Diagnostic.error(DiagnosticCode.MALFORMED_REQUEST, BODY, firstLine(reason));
        }
        return body(HttpStatus.BAD_REQUEST, List.of(diagnostic));
    }

    @ExceptionHandler(PlanRejectedException.class)
    ResponseEntity<ApiResponses.ErrorResponse> rejected(PlanRejectedException e) {
        return body(HttpStatus.UNPROCESSABLE_CONTENT, e.diagnostics());
    }

    /**
     * The answer to a write: 200 with {@code body} made of what was written, 422 with the
     * diagnostics, 409 with a reload path, 502 saying what was put back.
     */
    ResponseEntity<?> answer(WriteResult result,
                             java.util.function.Function<List<WriteOutcome.AppliedObject>, Object> body) {
        return result.fold(applied -> ResponseEntity.ok(body.apply(WriteOutcome.AppliedObject.of(applied))),
                rejected -> body(HttpStatus.UNPROCESSABLE_CONTENT, rejected.diagnostics()),
                this::conflict, this::failed);
    }

    private ResponseEntity<ApiResponses.ErrorResponse> conflict(WriteResult.Conflict conflict) {
        var diagnostics = messages.resolve(List.of(Diagnostic.error(DiagnosticCode.CONFLICT, "baseVersion")));
        String reload = "/api/v1/namespaces/" + conflict.namespace() + "/services/" + conflict.name();
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new ApiResponses.ErrorResponse(diagnostics, reload, null, null));
    }

    private ResponseEntity<ApiResponses.ErrorResponse> failed(WriteResult.Failed failed) {
        log.error("Apply failed: {} (restored {}, not restored {})", failed.message(), failed.restored(),
                failed.notRestored());
        Diagnostic diagnostic = failed.deleting()
                ? Diagnostic.error(DiagnosticCode.CLUSTER_DELETE_FAILED, "", failed.object(), failed.reason())
                : Diagnostic.error(DiagnosticCode.CLUSTER_WRITE_FAILED, "", failed.object(), failed.reason());
        var diagnostics = messages.resolve(List.of(diagnostic));
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .body(new ApiResponses.ErrorResponse(diagnostics, null, failed.restored(), failed.notRestored()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiResponses.ErrorResponse> notFound(NotFoundException e) {
        return body(HttpStatus.NOT_FOUND, List.of(Diagnostic.error(DiagnosticCode.NOT_FOUND, "service")));
    }

    /** A path variable or query parameter of the wrong type, such as a revision that is not a number. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponses.ErrorResponse> mismatch(MethodArgumentTypeMismatchException e) {
        String value = String.valueOf(e.getValue());
        return body(HttpStatus.BAD_REQUEST, List.of(Diagnostic.error(DiagnosticCode.NOT_A_NUMBER, e.getName(),
                value.length() > 40 ? value.substring(0, 40) + "…" : value)));
    }

    private ResponseEntity<ApiResponses.ErrorResponse> body(HttpStatus status, List<Diagnostic> diagnostics) {
        return ResponseEntity.status(status).body(ApiResponses.ErrorResponse.of(messages.resolve(diagnostics)));
    }

    private static String pathOrBody(JacksonException e) {
        String path = path(e);
        return path.isEmpty() ? BODY : path;
    }

    /** {@code rules[0].route[1].weight} from Jackson's reference chain. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
