package dev.trafficwizard.web;

import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.release.Rollouts;
import dev.trafficwizard.rollout.ForeignController;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.routing.Diagnostic;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.List;
import java.util.Optional;

/**
 * The model of the service page's Release panel (templates/rollout.html): the service's rollout
 * ({@code rollout}, null when none was ever started), the start form when none runs and the
 * service has two or more versions ({@code rolloutForm}), its diagnostics, the other controllers
 * that manage the service ({@code foreign}: no start then), and {@code rolloutProblem} when the
 * rollouts could not be read (a line on the page, never an error page).
 */
@Component
class RolloutPanel {

    private static final List<String> FIELDS = List.of("stable", "canary", "steps", "gates");

    private final Rollouts rollouts;
    private final RolloutViews views;
    private final DiagnosticMessages messages;

    RolloutPanel(Rollouts rollouts, RolloutViews views, DiagnosticMessages messages) {
        this.rollouts = rollouts;
        this.views = views;
        this.messages = messages;
    }

    /** The panel as it stands, with a fresh start form. */
    void fill(Model model, ServiceSummary service) {
        fill(model, service, null, List.of());
    }

    /** The panel with the start form as posted ({@code form}, null: its defaults) and its diagnostics. */
    void fill(Model model, ServiceSummary service, RolloutForm form, List<Diagnostic> problems) {
        Optional<RolloutState> state = Optional.empty();
        String problem = null;
        try {
            state = rollouts.current(service.namespace(), service.name());
        } catch (RuntimeException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        List<ForeignController> foreign;
        try {
            foreign = rollouts.foreign(service.namespace(), service.name());
        } catch (RuntimeException e) {
            foreign = List.of();
        }
        RolloutPanelView view = state.map(views::of).orElse(null);
        boolean running = view != null && !view.finished();
        boolean startable = !running && problem == null && foreign.isEmpty() && service.versions().size() >= 2;
        model.addAttribute("rollout", view);
        model.addAttribute("rolloutProblem", problem);
        model.addAttribute("rolloutForeign", foreign);
        model.addAttribute("rolloutForm", startable ? (form == null ? RolloutForms.defaults(service) : form) : null);
        DiagnosticList diagnostics = new DiagnosticList(messages.resolve(problems));
        model.addAttribute("rolloutDiagnostics", diagnostics);
        // those no field of the form shows: the service, the rollout as a whole
        model.addAttribute("rolloutGeneral", diagnostics.all().stream()
                .filter(d -> FIELDS.stream().noneMatch(d::concerns)).toList());
        model.addAttribute("rolloutVersions", service.versions().stream().map(v -> v.version()).toList());
        model.addAttribute("rolloutService", service);
    }
}
