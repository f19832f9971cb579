package dev.trafficwizard.web;

import dev.trafficwizard.gitops.GitOpsException;
import dev.trafficwizard.gitops.Proposal;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.workflow.Proposals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * #18: {@code POST /api/v1/routing/propose}: the plan of a preview proposed as a Git commit (201 with
 * the repository, branch, commit, files and pull request), 422 with the diagnostics for a plan with
 * errors, 404 {@code GITOPS_NOT_CONFIGURED}, 409 {@code GITOPS_REFUSED}, 502 {@code GITOPS_UNAVAILABLE}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "routing")
class ProposalApiController {

    private static final Logger log = LoggerFactory.getLogger(ProposalApiController.class);

    private final Proposals proposals;
    private final DiagnosticMessages messages;

    ProposalApiController(Proposals proposals, DiagnosticMessages messages) {
        this.proposals = proposals;
        this.messages = messages;
    }

    /** The answer: pullRequest null without a provider or token; pullRequestError only when opening it failed. */
    record ProposeResponse(String repository, String branch, String commit, List<String> files, String pullRequest,
                           @com.fasterxml.jackson.annotation.JsonInclude(
                                   com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           String pullRequestError) {

        static ProposeResponse of(Proposal p) {
            return new ProposeResponse(p.repository(), p.branch(), p.commit(), p.files(), p.pullRequest(),
                    p.pullRequestError());
        }
    }

    @Operation(summary = "Propose a plan as a Git commit on a new branch (and a pull / merge request where configured);"
            + " nothing is written to the cluster")
    @PostMapping(path = "/routing/propose", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProposeResponse> propose(@RequestBody PlanRequest request) {
        Proposal proposal = proposals.propose(request.toPlan(), null);
        return ResponseEntity.status(HttpStatus.CREATED).body(ProposeResponse.of(proposal));
    }

    @ExceptionHandler(GitOpsException.class)
    ResponseEntity<ApiResponses.ErrorResponse> gitOps(GitOpsException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_CONFIGURED -> HttpStatus.NOT_FOUND;
            case REFUSED -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
        };
        Diagnostic diagnostic = switch (e.reason()) {
            case NOT_CONFIGURED -> Diagnostic.error(DiagnosticCode.GITOPS_NOT_CONFIGURED, "");
            case REFUSED -> Diagnostic.error(DiagnosticCode.GITOPS_REFUSED, "", e.getMessage());
            case UNAVAILABLE -> Diagnostic.error(DiagnosticCode.GITOPS_UNAVAILABLE, "", e.getMessage());
        };
        log.warn("Proposal not made ({}): {}", e.reason(), e.getMessage());
        return ResponseEntity.status(status).body(ApiResponses.ErrorResponse.of(messages.resolve(List.of(diagnostic))));
    }
}
