package dev.trafficwizard.web;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.Preview;
import dev.trafficwizard.workflow.Review;
import dev.trafficwizard.workflow.Reviews;
import dev.trafficwizard.workflow.ShareFailedException;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Simulations;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.trafficwizard.workflow.ReviewLimitException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Optional;

/**
 * Review links: "Share for review" on a form stores its proposal and answers with the link; the
 * link opens the proposal read-only for any logged-in role, with the diff against what is live
 * now, the checks and the simulator on the proposed objects.
 */
@Controller
class ReviewController {

    static final String VIEW = "review";
    static final String REVIEW_LINK = "routing-form :: review-link";

    private final Catalog catalog;
    private final Reviews reviews;
    private final RoutingWorkflow workflow;
    private final Simulations simulations;
    private final DiagnosticMessages messages;
    private final Diagrams diagrams;

    private final String externalUrl;

    ReviewController(Catalog catalog, Reviews reviews, RoutingWorkflow workflow, Simulations simulations,
                     DiagnosticMessages messages, Diagrams diagrams,
                     @Value("${traffic-wizard.external-url:}") String externalUrl) {
        this.externalUrl = externalUrl.strip().replaceAll("/+$", "");
        if (!this.externalUrl.isEmpty() && !this.externalUrl.matches("(?i)https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw new IllegalStateException("traffic-wizard.external-url must be an absolute http(s) address "
                    + "without query, e.g. https://traffic-wizard.example.com, not " + this.externalUrl);
        }
        this.diagrams = diagrams;
        this.catalog = catalog;
        this.reviews = reviews;
        this.workflow = workflow;
        this.simulations = simulations;
        this.messages = messages;
    }

    @HxRequest
    @PostMapping("/services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}/review")
    String share(@PathVariable String namespace, @PathVariable String name, @PathVariable String kind,
                 @ModelAttribute("form") RoutingForm values, Model model) {
        FormKind form = FormKind.of(kind).orElseThrow(NotFoundException::new);
        catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        FormPlans.Parsed parsed = FormPlans.toPlan(form, values, namespace, name);
        RoutingPlan plan = parsed.plan();
        Preview preview = workflow.preview(plan, form);
        if (!parsed.problems().isEmpty() || PlanValidator.hasErrors(preview.diagnostics())) {
            // a proposal that could never be applied is not worth a reviewer's time: nothing is stored
            model.addAttribute("shareRefused", true);
            return REVIEW_LINK;
        }
        try {
            // the live routing the reviewer's diff starts from: applying the proposal later checks it is still so
            Review review = reviews.share(plan, form, preview.baseVersion());
            model.addAttribute("review", review);
            model.addAttribute("reviewUrl", reviewUrl(review.id()));
        } catch (ReviewLimitException e) {
            model.addAttribute("shareLimit", e);
        } catch (ShareFailedException e) {
            model.addAttribute("shareFailure", e.getMessage());
        }
        return REVIEW_LINK;
    }

    /**
     * The link to a review: under {@code traffic-wizard.external-url} when it is set (behind a proxy,
     * the address users know; nothing of the request in it); otherwise from the request that shared
     * it, whose Host is the sharer's own browser's (or a trusted proxy's X-Forwarded-Host).
     */
    String reviewUrl(String id) {
        UriComponentsBuilder base = externalUrl.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath()
                : UriComponentsBuilder.fromUriString(externalUrl);
        return base.path("/reviews/{id}").buildAndExpand(id).toUriString();
    }

    @GetMapping("/reviews/{id}")
    String page(@PathVariable String id, Model model, HttpServletResponse response) {
        Optional<Review> found = reviews.find(id);
        model.addAttribute("review", found.orElse(null));
        if (found.isEmpty() || found.get().expired()) {
            response.setStatus(found.isEmpty() ? HttpStatus.NOT_FOUND.value() : HttpStatus.GONE.value());
            return VIEW;
        }
        Review review = found.get();
        Preview preview = workflow.preview(review.plan(), review.form());
        model.addAttribute("preview", preview);
        model.addAttribute("diagnostics", new DiagnosticList(messages.resolve(preview.diagnostics())));
        model.addAttribute("flags", messages.resolve(preview.flags()));
        model.addAttribute("liveDiagram", diagrams.svg(preview.live(), "live-diagram"));
        model.addAttribute("proposedDiagram", diagrams.svg(preview.proposed(), "proposed-diagram"));
        model.addAttribute("outside", review.plan().gateway() != null);
        ReviewApplyController.actions(review, preview, model);
        return VIEW;
    }

    /** The simulator on the live mesh with the proposed objects in place of the ones they would replace. */
    @HxRequest
    @PostMapping("/reviews/{id}/simulate")
    String simulate(@PathVariable String id, @ModelAttribute SimulationForm request, Model model) {
        Review review = reviews.find(id).filter(r -> !r.expired()).orElseThrow(NotFoundException::new);
        ServiceDetail service = catalog.service(review.namespace(), review.service())
                .orElseThrow(NotFoundException::new);
        if (RoutingFormController.unreadable(request, model)) {
            return RoutingFormController.SIMULATION_ERROR;
        }
        var simulated = request.toRequest(service.target().fqdn());
        // a proposal with errors (e.g. a version that no longer exists) is not built: answered from the live objects
        model.addAttribute("resolution", simulations.proposedOrLive(service, workflow.kept(review.plan(), review.form()), simulated));
        return RoutingFormController.SIMULATION;
    }
}
