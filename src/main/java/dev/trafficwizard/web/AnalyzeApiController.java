package dev.trafficwizard.web;

import dev.trafficwizard.istio.PasteReader;
import dev.trafficwizard.workflow.PasteAnalysis;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /api/v1/analyze}: pasted routing (YAML or JSON, one or many documents) checked
 * against the live mesh as if applied; nothing is written. 200 with the diagnostics (errors among
 * them included: the caller decides what fails its job) and the ignored objects; 400 when the body
 * cannot be read as YAML or JSON, 422 when a document is not an object Istio would take (each an
 * {@code ANALYZE_INPUT} diagnostic naming document and line), 413 over the body size limit.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "checks")
class AnalyzeApiController {

    private final PasteAnalysis analysis;
    private final PasteViews views;
    private final ApiExceptionHandler errors;

    AnalyzeApiController(PasteAnalysis analysis, PasteViews views, ApiExceptionHandler errors) {
        this.analysis = analysis;
        this.views = views;
        this.errors = errors;
    }

    @Operation(summary = "Analyze pasted VirtualServices, DestinationRules and Gateways against the live mesh "
            + "(nothing is written); other kinds are listed as ignored")
    @PostMapping(path = "/analyze", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain",
            MediaType.APPLICATION_JSON_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> analyze(@RequestBody(required = false) byte[] body) {
        String text;
        try {
            text = PasteReader.normalize(utf8(body));
        } catch (CharacterCodingException e) {
            return error(HttpStatus.BAD_REQUEST, new PasteReader.Paste(List.of(), List.of(),
                    List.of(new PasteReader.Problem(0, 0, "encoding", List.of())), true));
        }
        PasteAnalysis.Result result = analysis.analyze(text, false);
        if (!result.paste().ok()) {
            return error(result.paste().unreadable() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT,
                    result.paste());
        }
        return ResponseEntity.ok(new PasteViews.Answer(views.findings(result.findings(), text, result.paste()),
                views.ignored(result.paste())));
    }

    private ResponseEntity<ApiResponses.ErrorResponse> error(HttpStatus status, PasteReader.Paste paste) {
        return ResponseEntity.status(status).body(ApiResponses.ErrorResponse.of(views.problems(paste)));
    }

    static String utf8(byte[] body) throws CharacterCodingException {
        if (body == null) {
            return "";
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }

    /** A body cut off over the size limit (413) or not readable at all (400), as the other API calls answer. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponses.ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        return errors.unreadable(e);
    }
}
