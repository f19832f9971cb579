package dev.trafficwizard.web;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.workflow.MeshChecks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/v1/checks}: the diagnostics of the live mesh, filtered and paged. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "checks")
class ChecksApiController {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 500;

    private final MeshChecks checks;
    private final DiagnosticMessages messages;

    ChecksApiController(MeshChecks checks, DiagnosticMessages messages) {
        this.checks = checks;
        this.messages = messages;
    }

    /** One page of diagnostics; {@code ready} is false while the first full check is still running. */
    record ChecksResponse(List<FindingView> diagnostics, int page, int size, int total, boolean ready) {
    }

    @Operation(summary = "Diagnostics of the live routing (hand-written or managed), as Istio's analyzer would "
            + "report them: filter by namespace, severity (ERROR, WARNING, INFO) and code (ours, such as "
            + "SUBSET_NOT_FOUND, or Istio's, such as IST0101); page from 1, size up to 500")
    @GetMapping("/checks")
    ResponseEntity<?> checks(@RequestParam(defaultValue = "") String namespace,
                             @RequestParam(defaultValue = "") String severity,
                             @RequestParam(defaultValue = "") String code,
                             @RequestParam(defaultValue = "") String page,
                             @RequestParam(defaultValue = "") String size) {
        ChecksQuery.Parsed parsed = ChecksQuery.parse(namespace, severity, code, page, size, DEFAULT_PAGE_SIZE,
                MAX_PAGE_SIZE);
        if (parsed.query() == null) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .body(ApiResponses.ErrorResponse.of(messages.resolve(parsed.problems())));
        }
        ChecksQuery query = parsed.query();
        List<Finding> filtered = query.filter(checks.findings());
        return ResponseEntity.ok(new ChecksResponse(messages.resolveFindings(query.pageOf(filtered)), query.page(),
                query.size(), filtered.size(), checks.ready()));
    }
}
