package dev.trafficwizard.web;

import dev.trafficwizard.release.RolloutOutcome;
import dev.trafficwizard.release.Rollouts;
import dev.trafficwizard.release.RolloutsUnavailableException;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.rollout.RolloutSpec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/**
 * #17: staged rollouts through the REST API. 200 with the rollout; 400 with diagnostics naming the
 * field ({@code steps[1].weight}); 404 for an unknown service (and for GET, when it has no rollout);
 * 409 when the rollout's state refuses the action (one running, none, finished, another controller);
 * a routing write that did not apply answers like an apply (422, 409, 502).
 */
@RestController
@RequestMapping(path = "/api/v1/namespaces/{namespace}/services/{name}/rollout",
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "rollouts")
class RolloutApiController {

    /** Refusals by the rollout's state or another controller: 409. */
    static final Set<String> CONFLICTS = Set.of(DiagnosticCode.ROLLOUT_RUNNING.name(),
            DiagnosticCode.ROLLOUT_FOREIGN_CONTROLLER.name(), DiagnosticCode.ROLLOUT_NONE.name(),
            DiagnosticCode.ROLLOUT_FINISHED.name(), DiagnosticCode.ROLLOUT_NOT_PAUSED.name(),
            DiagnosticCode.ROLLOUT_ALREADY_PAUSED.name(), DiagnosticCode.ROLLOUT_CHANGED.name());

    private final Rollouts rollouts;
    private final DiagnosticMessages messages;
    private final ApiExceptionHandler answers;

    RolloutApiController(Rollouts rollouts, DiagnosticMessages messages, ApiExceptionHandler answers) {
        this.rollouts = rollouts;
        this.messages = messages;
        this.answers = answers;
    }

    @Operation(summary = "Start a rollout: stable and canary versions, steps (weight, header or mirror; pause "
            + "\"5m\", \"0s\" or absent = until promoted), optional gates (400 with the field, 409 while one runs)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> start(@PathVariable String namespace, @PathVariable String name,
                            @RequestBody RolloutSpec spec) {
        return answer(rollouts.start(namespace, name, spec));
    }

    @Operation(summary = "The service's latest rollout: phase, step (from 1), weight, reason, history (404 when none)")
    @GetMapping
    ResponseEntity<?> current(@PathVariable String namespace, @PathVariable String name) {
        return rollouts.current(namespace, name).<ResponseEntity<?>>map(s -> ResponseEntity.ok(RolloutView.of(s)))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND,
                        Diagnostic.error(DiagnosticCode.ROLLOUT_NONE, "service", name)));
    }

    @Operation(summary = "Promote: the next step, or with full=true everything to the canary now")
    @PostMapping("/promote")
    ResponseEntity<?> promote(@PathVariable String namespace, @PathVariable String name,
                              @RequestParam(defaultValue = "false") boolean full) {
        return answer(rollouts.promote(namespace, name, full));
    }

    @Operation(summary = "Abort: everything back to the stable version, header rule and mirror removed")
    @PostMapping("/abort")
    ResponseEntity<?> abort(@PathVariable String namespace, @PathVariable String name) {
        return answer(rollouts.abort(namespace, name));
    }

    @Operation(summary = "Pause the steps (the routing stays as it is)")
    @PostMapping("/pause")
    ResponseEntity<?> pause(@PathVariable String namespace, @PathVariable String name) {
        return answer(rollouts.pause(namespace, name));
    }

    @Operation(summary = "Resume after a pause: the current step's routing again, its pause restarted")
    @PostMapping("/resume")
    ResponseEntity<?> resume(@PathVariable String namespace, @PathVariable String name) {
        return answer(rollouts.resume(namespace, name));
    }

    /** The stored rollouts could not be read from the cluster: 502, saying why. */
    @org.springframework.web.bind.annotation.ExceptionHandler(RolloutsUnavailableException.class)
    ResponseEntity<?> unavailable(RolloutsUnavailableException e) {
        return error(HttpStatus.BAD_GATEWAY, Diagnostic.error(DiagnosticCode.ROLLOUT_STORE_UNAVAILABLE, "",
                e.getMessage()));
    }

    private ResponseEntity<?> answer(RolloutOutcome outcome) {
        if (outcome.refused()) {
            String code = outcome.problems().get(0).code();
            HttpStatus status = code.equals(DiagnosticCode.UNKNOWN_SERVICE.name()) ? HttpStatus.NOT_FOUND
                    : CONFLICTS.contains(code) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
            return ResponseEntity.status(status)
                    .body(ApiResponses.ErrorResponse.of(messages.resolve(outcome.problems())));
        }
        if (outcome.write() != null && !outcome.write().applied()) {
            return answers.answer(outcome.write(), applied -> RolloutView.of(outcome.state()));
        }
        return ResponseEntity.ok(RolloutView.of(outcome.state()));
    }

    private ResponseEntity<?> error(HttpStatus status, Diagnostic diagnostic) {
        return ResponseEntity.status(status).body(ApiResponses.ErrorResponse.of(messages.resolve(List.of(diagnostic))));
    }
}
