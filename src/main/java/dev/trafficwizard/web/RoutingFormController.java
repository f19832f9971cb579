package dev.trafficwizard.web;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.Preview;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Simulations;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.Review;
import dev.trafficwizard.workflow.Reviews;
import dev.trafficwizard.workflow.Revision;
import dev.trafficwizard.workflow.WriteResult;
import org.springframework.web.bind.annotation.RequestParam;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.view.FragmentsRendering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every routing form (weighted, header, URI prefix, subdomain, dark release): live preview with
 * diagnostics beside the fields, apply after confirmation, reopening managed routing.
 */
@Controller
@RequestMapping("/services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}")
class RoutingFormController {

    static final String VIEW = "routing-form";
    static final String PREVIEW = "routing-form :: preview";
    static final String FIELD_ERRORS = "routing-form :: field-errors";
    static final String WEIGHT_STATUS = "routing-form :: weight-status";
    static final String ROUTE_ERRORS = "routing-form :: route-errors";
    static final String CHECKS = "routing-form :: checks";
    static final String APPLY_BAR = "routing-form :: apply-bar";
    static final String APPLY_RESULT = "routing-form :: apply-result";
    static final String BASE_VERSION = "routing-form :: base-version";
    static final String SIMULATION = "simulator :: simulation";
    static final String SIMULATION_ERROR = "simulator :: simulation-error";
    static final String FORM_HINT = "routing-form :: form-hint";
    static final String REPLACING_NOTE = "routing-form :: replacing-note";
    static final String STALE_PREVIEW = "routing-form :: stale-preview";
    static final String STALE_APPLY_BAR = "routing-form :: stale-apply-bar";
    static final String STICKY_API_NOTE = "routing-form :: sticky-api-note";
    static final String API_CHOICE = "routing-form :: api-choice";
    static final String EDITOR = "rules-editor :: editor";
    static final String EDITOR_ERRORS = "rules-editor :: editor-errors";
    static final String POLICY_NOTE = "traffic-policy :: policy-api-note";

    private final Catalog catalog;
    private final RoutingWorkflow workflow;
    private final DiagnosticMessages messages;
    private final Simulations simulations;
    private final History history;
    private final Diagrams diagrams;
    private final Reviews reviews;

    RoutingFormController(Catalog catalog, RoutingWorkflow workflow, DiagnosticMessages messages,
                          Simulations simulations, History history, Diagrams diagrams, Reviews reviews) {
        this.diagrams = diagrams;
        this.reviews = reviews;
        this.catalog = catalog;
        this.workflow = workflow;
        this.messages = messages;
        this.simulations = simulations;
        this.history = history;
    }

    @GetMapping
    String page(@PathVariable String namespace, @PathVariable String name, @PathVariable String kind,
                @RequestParam(required = false) Integer revision, @RequestParam(required = false) String review,
                @RequestParam(required = false) String api, Model model) {
        FormKind form = FormKind.of(kind).orElseThrow(NotFoundException::new);
        ServiceDetail service = service(namespace, name);
        Optional<RoutingPlan> live = service.livePlan();
        Optional<RoutingForm> fromLive = live.flatMap(plan -> FormReader.fromPlan(form, plan));
        Optional<RoutingForm> fromRevision = revision == null ? Optional.empty()
                : history.revision(namespace, name, revision).filter(Revision::succeeded)
                .map(Revision::plan).flatMap(plan -> FormReader.fromPlan(form, plan));
        // "Open in form" on a review link: the proposal, if it is of this service and this form's kind
        Optional<Review> shared = review == null || fromRevision.isPresent() ? Optional.empty()
                : reviews.find(review).filter(r -> !r.expired() && r.namespace().equals(namespace)
                && r.service().equals(name) && form == r.form());
        Optional<RoutingForm> fromReview = shared.flatMap(r -> FormReader.fromPlan(form, r.plan()));
        RoutingForm values = fromRevision.or(() -> fromReview).or(() -> fromLive)
                .orElseGet(() -> FormReader.defaults(form, service.summary()));
        fromRevision.ifPresent(r -> values.setRollbackOf(revision));
        if (api != null && !api.isBlank()) {
            // "Move to Gateway API" opens the live routing's form with the other API chosen
            values.setApi(api);
        }
        values.setBaseVersion(RoutingWorkflow.baseVersion(service));
        model.addAttribute("fromReview", fromReview.isPresent() ? shared.get() : null);
        formState(form, service, model);
        model.addAttribute("gateways", catalog.gateways());
        model.addAttribute("gatewayApiGateways", catalog.gatewayApiGateways());
        fill(form, service, values, model, false);
        return VIEW;
    }

    @HxRequest
    @PostMapping("/preview")
    FragmentsRendering preview(@PathVariable String namespace, @PathVariable String name, @PathVariable String kind,
                               @ModelAttribute("form") RoutingForm values, Model model) {
        FormKind form = FormKind.of(kind).orElseThrow(NotFoundException::new);
        fill(form, service(namespace, name), values, model, true);
        var rendering = FragmentsRendering.fragment(PREVIEW).fragment(FIELD_ERRORS).fragment(WEIGHT_STATUS)
                .fragment(CHECKS).fragment(ROUTE_ERRORS).fragment(APPLY_BAR).fragment(API_CHOICE);
        if (form == FormKind.RULES) {
            rendering.fragment(EDITOR_ERRORS).fragment(POLICY_NOTE);
        } else {
            rendering.fragment(STICKY_API_NOTE);
        }
        return rendering.build();
    }

    /** A button of the rules editor ({@link EditorOps}): the editor again, focus where the user continues. */
    @HxRequest
    @PostMapping("/editor")
    String editor(@PathVariable String namespace, @PathVariable String name, @PathVariable String kind,
                  @RequestParam(required = false) String op, @ModelAttribute("form") RoutingForm values, Model model) {
        FormKind form = FormKind.of(kind).filter(k -> k == FormKind.RULES).orElseThrow(NotFoundException::new);
        ServiceDetail service = service(namespace, name);
        EditorOps.complete(values, versions(service));
        model.addAttribute("focus", EditorOps.apply(values, op, versions(service)));
        fill(form, service, values, model, false);
        return EDITOR;
    }

    /** "Open in rules editor" on a quick start: its plan, as the editor's rules (a normal post, a whole page). */
    @PostMapping("/open-rules")
    String openInEditor(@PathVariable String namespace, @PathVariable String name, @PathVariable String kind,
                        @ModelAttribute("form") RoutingForm values, Model model) {
        FormKind from = FormKind.of(kind).orElseThrow(NotFoundException::new);
        ServiceDetail service = service(namespace, name);
        RoutingPlan plan = FormPlans.toPlan(from, values, namespace, name).plan();
        RoutingForm editor = FormReader.fromPlan(FormKind.RULES, plan).orElseThrow();
        editor.setBaseVersion(values.getBaseVersion());
        model.addAttribute("fromReview", null);
        formState(FormKind.RULES, service, model);
        model.addAttribute("gateways", catalog.gateways());
        model.addAttribute("gatewayApiGateways", catalog.gatewayApiGateways());
        fill(FormKind.RULES, service, editor, model, false);
        return VIEW;
    }

    @HxRequest
    @PostMapping("/apply")
    FragmentsRendering apply(@PathVariable String namespace, @PathVariable String name, @PathVariable String kind,
                             @ModelAttribute("form") RoutingForm values, Model model,
                             @RequestParam(defaultValue = "false") boolean acknowledgeOwner) {
        FormKind form = FormKind.of(kind).orElseThrow(NotFoundException::new);
        ServiceDetail service = service(namespace, name);
        FormPlans.Parsed parsed = FormPlans.toPlan(form, values, namespace, name);
        model.addAttribute("service", service.summary());
        WriteResult result = parsed.problems().isEmpty()
                ? workflow.apply(parsed.plan(), values.getBaseVersion(), form, values.getRollbackOf(), acknowledgeOwner)
                : new WriteResult.Rejected(parsed.problems());
        boolean applied = WriteOutcome.show(model, "applied", messages, result);
        model.addAttribute("oob", true);
        model.addAttribute("kind", form.segment());
        ServiceDetail now = service(namespace, name);
        values.setBaseVersion(RoutingWorkflow.baseVersion(now));
        model.addAttribute("form", values);
        var rendering = FragmentsRendering.fragment(APPLY_RESULT);
        if (applied) {
            // what the write changed on this page: the hint above the fields, the note about another form
            formState(form, now, model);
            model.addAttribute("fromReview", null);
            rendering.fragment(BASE_VERSION).fragment(FORM_HINT).fragment(REPLACING_NOTE)
                    .header("HX-Trigger", "routing-applied");
        } else if ("conflict".equals(model.getAttribute("outcome"))) {
            // the diff the user confirmed is stale: drop it, and Apply waits for a new preview
            rendering.fragment(BASE_VERSION).fragment(STALE_PREVIEW).fragment(STALE_APPLY_BAR);
        }
        return rendering.build();
    }

    @HxRequest
    @PostMapping("/simulate")
    String simulate(@PathVariable String namespace, @PathVariable String name, @PathVariable String kind,
                    @ModelAttribute("form") RoutingForm values, @ModelAttribute SimulationForm request, Model model) {
        FormKind form = FormKind.of(kind).orElseThrow(NotFoundException::new);
        ServiceDetail service = service(namespace, name);
        if (unreadable(request, model)) {
            return SIMULATION_ERROR;
        }
        RoutingPlan plan = FormPlans.toPlan(form, values, namespace, name).plan();
        // a plan with errors (e.g. a missing version) is not built: answered from the live objects
        model.addAttribute("resolution", simulations.proposedOrLive(service, workflow.kept(plan, form),
                request.toRequest(service.target().fqdn())));
        return SIMULATION;
    }

    /** Whether the form edits live routing, or replaces routing made with another form. */
    private static void formState(FormKind form, ServiceDetail service, Model model) {
        Optional<RoutingPlan> live = service.livePlan();
        boolean editing = live.flatMap(plan -> FormReader.fromPlan(form, plan)).isPresent();
        model.addAttribute("editing", editing);
        model.addAttribute("replacing", editing ? null : live.map(p -> FormReader.madeWith(service, p))
                .map(FormKind::segment).orElse(null));
    }

    /** A header line of the simulator's request that is not {@code name: value}: shown, not simulated. */
    static boolean unreadable(SimulationForm request, Model model) {
        SimulationForm.BadLine bad = request.badHeaderLine();
        model.addAttribute("badLine", bad);
        model.addAttribute("badPort", request.badPort() ? request.getSimPort() : null);
        return bad != null || request.badPort();
    }

    private static List<String> versions(ServiceDetail service) {
        return service.summary().versions().stream().map(VersionSummary::version).toList();
    }

    private void fill(FormKind kind, ServiceDetail service, RoutingForm values, Model model, boolean oob) {
        if (kind == FormKind.RULES) {
            EditorOps.complete(values, versions(service));
            EditorOps.model(model, values, versions(service));
        }
        FormPlans.Parsed parsed = FormPlans.toPlan(kind, values, service.summary().namespace(),
                service.summary().name());
        Preview preview = workflow.preview(parsed.plan(), kind);
        DiagnosticList diagnostics = new DiagnosticList(messages.resolve(parsed.merge(preview.diagnostics())));
        model.addAttribute("kind", kind.segment());
        model.addAttribute("matchOps", kind.matchOps());
        model.addAttribute("stickyModes", FormPlans.STICKY_MODES);
        model.addAttribute("service", service.summary());
        model.addAttribute("form", values);
        model.addAttribute("versions", service.summary().versions().stream().map(VersionSummary::version).toList());
        model.addAttribute("rows", weightRows(service, values));
        model.addAttribute("sum", values.getWeight().stream().mapToInt(RoutingFormController::parseOrZero).sum());
        model.addAttribute("defaultRule", "rules[" + defaultRuleIndex(kind, values) + "]");
        model.addAttribute("preview", preview);
        model.addAttribute("flags", messages.resolve(preview.flags()));
        model.addAttribute("liveDiagram", diagrams.svg(preview.live(), "live-diagram"));
        model.addAttribute("proposedDiagram", diagrams.svg(preview.proposed(), "proposed-diagram"));
        model.addAttribute("flagCodes", preview.flags().stream().map(Diagnostic::code).distinct().toList());
        model.addAttribute("diagnostics", diagnostics);
        model.addAttribute("hasErrors", diagnostics.hasErrors());
        model.addAttribute("headerNotes", HeaderNames.lowercased(kind, values));
        model.addAttribute("readOnly", readOnly(service));
        model.addAttribute("oob", oob);
        model.addAttribute("apiChoice", preview.api());
        model.addAttribute("gatewayApiAvailable", catalog.gatewayApiAvailable());
    }

    private static int defaultRuleIndex(FormKind kind, RoutingForm values) {
        return switch (kind) {
            case WEIGHTED -> 0;
            case HEADER, URI -> values.getRules().size();
            case SUBDOMAIN -> values.getHostRoutes().size();
            case DARK -> 1;
            case RULES -> Math.max(0, values.getEditor().size() - 1);
        };
    }

    private static List<WeightRow> weightRows(ServiceDetail service, RoutingForm values) {
        Map<String, VersionSummary> versions = service.summary().versions().stream()
                .collect(Collectors.toMap(VersionSummary::version, Function.identity()));
        List<WeightRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(values.getVersion().size(), values.getWeight().size()); i++) {
            VersionSummary v = versions.get(values.getVersion().get(i));
            rows.add(new WeightRow(i, values.getVersion().get(i), values.getWeight().get(i),
                    v == null ? 0 : v.ready(), v == null ? 0 : v.desired()));
        }
        return rows;
    }

    /** Routing Traffic Wizard did not write, or wrote but no form can express: shown, not edited. */
    private static boolean readOnly(ServiceDetail service) {
        return !service.editable();
    }

    private ServiceDetail service(String namespace, String name) {
        return catalog.service(namespace, name).orElseThrow(NotFoundException::new);
    }

    private static int parseOrZero(String text) {
        try {
            return text == null ? 0 : AsciiNumbers.parse(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
