package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.release.RolloutOutcome;
import dev.trafficwizard.release.Rollouts;
import dev.trafficwizard.security.AccessPolicy;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.function.Supplier;

/**
 * The service page's Release panel: start a rollout from the form, promote (a step, or fully),
 * pause, resume, abort; and the panel again for its look every few seconds while a rollout runs.
 * A done action draws the page again (the diagram, the weights and the history follow); a refusal
 * stays in the panel, beside the field it names.
 */
@Controller
@RequestMapping("/services/{namespace}/{name}/rollout")
class RolloutController {

    static final String PANEL = "rollout :: rollout-panel";
    static final String FORM = "rollout :: rollout-form";
    static final String RESULT = "rollout :: rollout-result";

    private final Catalog catalog;
    private final Rollouts rollouts;
    private final RolloutPanel panel;
    private final DiagnosticMessages messages;
    private final AccessPolicy access;

    RolloutController(Catalog catalog, Rollouts rollouts, RolloutPanel panel, DiagnosticMessages messages,
                      AccessPolicy access) {
        this.catalog = catalog;
        this.rollouts = rollouts;
        this.panel = panel;
        this.messages = messages;
        this.access = access;
    }

    /**
     * The panel, for its look while a rollout runs: when the rollout moved on since the page was
     * drawn ({@code seen}, see {@link RolloutPanelView#seen()}), the whole page is drawn again.
     */
    @HxRequest
    @GetMapping
    String panel(@PathVariable String namespace, @PathVariable String name,
                 @RequestParam(defaultValue = "") String seen, Model model, HttpServletResponse response) {
        panel.fill(model, service(namespace, name));
        RolloutPanelView view = (RolloutPanelView) model.getAttribute("rollout");
        String now = view == null ? "" : view.seen();
        if (!seen.isEmpty() && !seen.equals(now)) {
            response.setHeader("HX-Refresh", "true");
        }
        return PANEL;
    }

    /** The start form's add / remove step buttons: the form again, focus where the user continues. */
    @HxRequest
    @PostMapping("/steps")
    String steps(@PathVariable String namespace, @PathVariable String name, @RequestParam(required = false) String op,
                 @ModelAttribute("rolloutForm") RolloutForm form, Model model) {
        ServiceSummary service = service(namespace, name);
        String focus = RolloutForms.apply(form, op);
        panel.fill(model, service, form, List.of());
        model.addAttribute("rolloutFocus", focus);
        return FORM;
    }

    @HxRequest
    @PostMapping("/start")
    String start(@PathVariable String namespace, @PathVariable String name,
                 @ModelAttribute("rolloutForm") RolloutForm form, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        ServiceSummary service = writable(namespace, name);
        RolloutForms.Parsed parsed = RolloutForms.toSpec(form);
        RolloutOutcome outcome;
        try {
            outcome = parsed.spec() == null ? new RolloutOutcome(null, parsed.problems(), null)
                    : rollouts.start(namespace, name, parsed.spec());
        } catch (AccessDeniedException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(model, e);
        }
        if (outcome.refused()) {
            panel.fill(model, service, form, outcome.problems());
            return FORM;
        }
        if (unwritten(model, outcome)) {
            return RESULT;
        }
        return done(model, "started", request, response, namespace, name);
    }

    @HxRequest
    @PostMapping("/promote")
    String promote(@PathVariable String namespace, @PathVariable String name,
                   @RequestParam(defaultValue = "false") boolean full, Model model,
                   HttpServletRequest request, HttpServletResponse response) {
        writable(namespace, name);
        return act(model, full ? "promotedFully" : "promoted", () -> rollouts.promote(namespace, name, full),
                request, response, namespace, name);
    }

    @HxRequest
    @PostMapping("/pause")
    String pause(@PathVariable String namespace, @PathVariable String name, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        writable(namespace, name);
        return act(model, "paused", () -> rollouts.pause(namespace, name), request, response, namespace, name);
    }

    @HxRequest
    @PostMapping("/resume")
    String resume(@PathVariable String namespace, @PathVariable String name, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        writable(namespace, name);
        return act(model, "resumed", () -> rollouts.resume(namespace, name), request, response, namespace, name);
    }

    @HxRequest
    @PostMapping("/abort")
    String abort(@PathVariable String namespace, @PathVariable String name, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        writable(namespace, name);
        return act(model, "aborted", () -> rollouts.abort(namespace, name), request, response, namespace, name);
    }

    private String act(Model model, String done, Supplier<RolloutOutcome> action, HttpServletRequest request,
                       HttpServletResponse response, String namespace, String name) {
        RolloutOutcome outcome;
        try {
            outcome = action.get();
        } catch (AccessDeniedException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(model, e);
        }
        if (outcome.refused()) {
            model.addAttribute("rolloutOutcome", "refused");
            model.addAttribute("rolloutRefusals", messages.resolve(outcome.problems()));
            return RESULT;
        }
        if (unwritten(model, outcome)) {
            return RESULT;
        }
        return done(model, done, request, response, namespace, name);
    }

    /** An action that broke off (the cluster did not answer, …): a line in the panel, never an error page. */
    private String failed(Model model, RuntimeException e) {
        model.addAttribute("rolloutOutcome", "failed");
        model.addAttribute("rolloutFailure", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return RESULT;
    }

    /** Whether the action's routing write did not happen (a conflict, a failure): then shown as any write's. */
    private boolean unwritten(Model model, RolloutOutcome outcome) {
        return outcome.write() != null && !WriteOutcome.show(model, "applied", messages, outcome.write());
    }

    /** Done: the page again, saying what was done (the panel, diagram and weights as they now are). */
    private String done(Model model, String done, HttpServletRequest request, HttpServletResponse response,
                        String namespace, String name) {
        model.addAttribute("rolloutOutcome", done);
        new PageReload(request, response, namespace, name).with(model, "rolloutOutcome");
        return RESULT;
    }

    private ServiceSummary service(String namespace, String name) {
        return catalog.service(namespace, name).orElseThrow(NotFoundException::new).summary();
    }

    /** The service, when the user may change its routing (an operator of its namespace). */
    private ServiceSummary writable(String namespace, String name) {
        if (!access.canWriteHere(namespace)) {
            throw new AccessDeniedException("not an operator of namespace " + namespace);
        }
        return service(namespace, name);
    }
}
