package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.gitops.GitOpsException;
import dev.trafficwizard.gitops.Proposal;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.security.AccessPolicy;
import dev.trafficwizard.workflow.PlanRejectedException;
import dev.trafficwizard.workflow.Proposals;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.security.access.AccessDeniedException;
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
    private final Proposals proposals;
    private final DiagnosticMessages messages;
    private final AccessPolicy access;

    ProposeController(Catalog catalog, Proposals proposals, DiagnosticMessages messages, AccessPolicy access) {
        this.catalog = catalog;
        this.proposals = proposals;
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
            // as apply: a namespace the user may not change is refused (403) whatever the form holds
            throw new AccessDeniedException("no write access to namespace " + namespace);
        }
        FormPlans.Parsed parsed = FormPlans.toPlan(form, values, namespace, name);
        try {
            if (!parsed.problems().isEmpty()) {
                throw new PlanRejectedException(parsed.problems());
            }
            // the plan apply would write, with the same checks, committed instead (workflow.Proposals)
            Proposal proposal = proposals.propose(parsed.plan(), form);
            model.addAttribute("outcome", "proposed");
            model.addAttribute("proposal", proposal);
        } catch (PlanRejectedException e) {
            List<Diagnostic> errors = e.diagnostics().stream().filter(Diagnostic::isError).toList();
            model.addAttribute("outcome", "rejected");
            model.addAttribute("rejections", messages.resolve(errors.isEmpty() ? e.diagnostics() : errors));
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
