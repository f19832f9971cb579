package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.security.AccessPolicy;
import dev.trafficwizard.workflow.Preview;
import dev.trafficwizard.workflow.Review;
import dev.trafficwizard.workflow.Reviews;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.FragmentsRendering;

/**
 * "Apply this proposal" on a review link, for operators of its namespace and admins: the page shows
 * the diff against the live routing now and the checks; after the confirmation the plan goes
 * through the normal write path. If the live routing changed since the proposal was shared, nothing
 * is written: the reviewer is told to open it in the form and look again.
 */
@Controller
class ReviewApplyController {

    static final String APPLY_RESULT = "review :: apply-result";
    static final String ACTIONS = "review :: review-actions";

    private final Catalog catalog;
    private final Reviews reviews;
    private final RoutingWorkflow workflow;
    private final DiagnosticMessages messages;
    private final AccessPolicy access;

    ReviewApplyController(Catalog catalog, Reviews reviews, RoutingWorkflow workflow, DiagnosticMessages messages,
                          AccessPolicy access) {
        this.catalog = catalog;
        this.reviews = reviews;
        this.workflow = workflow;
        this.messages = messages;
        this.access = access;
    }

    /** What the review page's action area needs: who may act, and whether the live routing moved on. */
    static void actions(Review review, Preview preview, Model model) {
        model.addAttribute("liveChanged", review.liveChangedSince(preview.baseVersion()));
        model.addAttribute("applyBlocked", preview.hasErrors() || preview.nothingToDo()
                || preview.yaml() == null || preview.yaml().isEmpty());
        model.addAttribute("done", false);
    }

    /**
     * Applies the proposal. {@code baseVersion}: the token of the live routing the confirmed diff was
     * computed from (so a change between page and click is a conflict too).
     */
    @HxRequest
    @PostMapping("/reviews/{id}/apply")
    FragmentsRendering apply(@PathVariable String id, @RequestParam(defaultValue = "") String baseVersion,
                             @RequestParam(defaultValue = "false") boolean acknowledgeOwner, Model model) {
        Review review = reviews.find(id).filter(r -> !r.expired()).orElseThrow(NotFoundException::new);
        ServiceDetail service = catalog.service(review.namespace(), review.service())
                .orElseThrow(NotFoundException::new);
        model.addAttribute("review", review);
        model.addAttribute("oob", true);
        String live = RoutingWorkflow.baseVersion(service);
        boolean applied = false;
        // a viewer gets the workflow's 403 whatever the state of the cluster
        if (review.liveChangedSince(live) && access.canWriteHere(review.namespace())) {
            model.addAttribute("outcome", "sharedConflict");
        } else {
            String base = baseVersion.isBlank() ? review.baseVersion() : baseVersion;
            applied = WriteOutcome.show(model, "applied", messages,
                    workflow.apply(review.plan(), base, review.form(), null, acknowledgeOwner));
        }
        Object outcome = model.getAttribute("outcome");
        // only a change of the live routing is told as one; a refusal or a failure says its own reason
        model.addAttribute("liveChanged", "sharedConflict".equals(outcome) || "conflict".equals(outcome));
        model.addAttribute("applyBlocked", true);
        model.addAttribute("done", applied);
        return FragmentsRendering.fragment(APPLY_RESULT).fragment(ACTIONS).build();
    }
}
