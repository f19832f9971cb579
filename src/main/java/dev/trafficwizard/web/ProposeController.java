package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.gitops.GitOpsException;
import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.gitops.Proposal;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.security.AccessPolicy;
import dev.trafficwizard.security.Actor;
import dev.trafficwizard.workflow.Preview;
import dev.trafficwizard.workflow.ProposalDrafts;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import java.util.List;

/**
 * #18 "Propose as Git change" on every routing form: the plan apply would write, built the same way,
 * committed to the configured repository on a new branch instead. Nothing is written to the cluster;
 * every outcome is a fragment (plan errors as apply shows them, Git refusals as an alert), never a 500.
 */
@Controller
@RequestMapping("/services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}")
class ProposeController {

    static final String RESULT = "proposal :: proposal-result";

    private final Catalog catalog;
    private final RoutingWorkflow workflow;
    private final GitProposals git;
    private final DiagnosticMessages messages;
    private final AccessPolicy access;

    ProposeController(Catalog catalog, RoutingWorkflow workflow, GitProposals git, DiagnosticMessages messages,
                      AccessPolicy access) {
        this.catalog = catalog;
        this.workflow = workflow;
        this.git = git;
        this.messages = messages;
        this.access = access;
    }

    @HxRequest
    @PostMapping("/propose")
    String propose(@PathVariable String namespace, @PathVariable String name, @PathVariable String kind,
                   @ModelAttribute("form") RoutingForm values, Model model) {
        FormKind form = FormKind.of(kind).orElseThrow(NotFoundException::new);
        ServiceDetail service = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        model.addAttribute("service", service.summary());
        if (!access.canWriteHere(namespace)) {
            return failed(model, GitOpsException.Reason.REFUSED, null);
        }
        FormPlans.Parsed parsed = FormPlans.toPlan(form, values, namespace, name);
        List<Diagnostic> problems = parsed.problems();
        Preview preview = null;
        if (problems.isEmpty()) {
            preview = workflow.preview(parsed.plan(), form);
            problems = preview.diagnostics().stream().filter(Diagnostic::isError).toList();
        }
        if (!problems.isEmpty()) {
            model.addAttribute("outcome", "rejected");
            model.addAttribute("rejections", messages.resolve(problems));
            return RESULT;
        }
        try {
            Proposal proposal = git.propose(namespace, name, form.segment(), Actor.current(),
                    ProposalDrafts.files(namespace, name, preview));
            model.addAttribute("outcome", "proposed");
            model.addAttribute("proposal", proposal);
        } catch (GitOpsException e) {
            return failed(model, e.reason(), e.getMessage());
        }
        return RESULT;
    }

    private static String failed(Model model, GitOpsException.Reason reason, String detail) {
        model.addAttribute("outcome", "gitFailed");
        model.addAttribute("gitReason", reason.name());
        model.addAttribute("gitDetail", detail);
        return RESULT;
    }
}
