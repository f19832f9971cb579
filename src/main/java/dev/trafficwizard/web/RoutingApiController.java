package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.Preview;
import dev.trafficwizard.workflow.Revision;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Write side of the REST API: preview, apply and delete routing plans. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "routing")
class RoutingApiController {

    static final String YAML = "application/yaml";

    private final RoutingWorkflow workflow;
    private final DiagnosticMessages messages;
    private final History history;
    private final Catalog catalog;

    private final ApiExceptionHandler answers;

    RoutingApiController(RoutingWorkflow workflow, DiagnosticMessages messages, History history, Catalog catalog,
                         ApiExceptionHandler answers) {
        this.answers = answers;
        this.workflow = workflow;
        this.messages = messages;
        this.history = history;
        this.catalog = catalog;
    }

    @Operation(summary = "Preview a plan: YAML, resources and diagnostics (422 when it has errors)")
    @PostMapping(path = "/routing/preview", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponses.PreviewResponse> preview(@RequestBody PlanRequest request) {
        Preview preview = workflow.preview(request.toPlan());
        var body = new ApiResponses.PreviewResponse(preview.yaml(), preview.resources(),
                messages.resolve(preview.diagnostics()), preview.baseVersion(),
                preview.changes().stream().map(c -> new ApiResponses.Change(c.key(), c.beforeText(), c.afterText()))
                        .toList(), messages.resolve(preview.flags()),
                preview.api() == null ? null : preview.api().api().value(),
                preview.api() == null ? null : preview.api().reason().name());
        return ResponseEntity.status(preview.hasErrors() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK)
                .body(body);
    }

    @Operation(summary = "Preview a plan as multi-document YAML only (422 with the diagnostics as YAML)")
    @PostMapping(path = "/routing/preview", consumes = MediaType.APPLICATION_JSON_VALUE, produces = YAML)
    ResponseEntity<String> previewYaml(@RequestBody PlanRequest request) {
        Preview preview = workflow.preview(request.toPlan());
        if (preview.hasErrors()) {
            return ResponseEntity.unprocessableContent().contentType(MediaType.parseMediaType(YAML))
                    .body(DiagnosticYaml.render(messages.resolve(preview.diagnostics())));
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(YAML)).body(preview.yaml());
    }

    @Operation(summary = "Apply a plan: DestinationRule before VirtualService; 409 when the live routing changed")
    @PostMapping(path = "/routing/apply", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> apply(@RequestBody PlanRequest request) {
        return answers.answer(workflow.apply(request.toPlan(), request.baseVersion(), null, null,
                        request.acknowledgesOwner()),
                ApiResponses.ApplyResponse::new);
    }

    @Operation(summary = "The service's routing history, newest first (the last 20 revisions)")
    @GetMapping(path = "/namespaces/{namespace}/services/{name}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Revision> history(@PathVariable String namespace, @PathVariable String name) {
        catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        return history.revisions(namespace, name);
    }

    @Operation(summary = "Roll back to a revision: its plan goes through the normal apply (409 on conflict)")
    @PostMapping(path = "/namespaces/{namespace}/services/{name}/history/{revision}/rollback",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> rollback(@PathVariable String namespace, @PathVariable String name,
                                        @PathVariable int revision,
                                        @RequestBody(required = false) RollbackRequest request) {
        catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        return answers.answer(workflow.rollback(namespace, name, revision,
                request == null ? null : request.baseVersion(),
                request != null && Boolean.TRUE.equals(request.acknowledgeOwner())), ApiResponses.ApplyResponse::new);
    }

    /**
     * Optional body of a rollback: the base version the caller saw; #18: {@code acknowledgeOwner}, an
     * admin's acknowledgement that another tool owns the routing (ignored for other users).
     */
    record RollbackRequest(String baseVersion, Boolean acknowledgeOwner) {
    }

    @Operation(summary = "Remove the managed routing of a service: VirtualService first, then DestinationRule")
    @DeleteMapping(path = "/namespaces/{namespace}/services/{name}/routing",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> delete(@PathVariable String namespace, @PathVariable String name,
                             @RequestParam(defaultValue = "false") boolean acknowledgeOwner) {
        return answers.answer(workflow.delete(namespace, name, acknowledgeOwner), ApiResponses.DeleteResponse::new);
    }
}
