package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.cluster.ClusterConflictException;
import dev.trafficwizard.cluster.ClusterWriteException;
import dev.trafficwizard.istio.RoutingPlanParser;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.workflow.PlanRejectedException;
import dev.trafficwizard.workflow.Preview;
import dev.trafficwizard.workflow.RoutingWorkflow;
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
import java.util.stream.Collectors;

/** The weighted (canary) wizard: a weight per version, live preview, apply after confirmation. */
@Controller
@RequestMapping("/services/{namespace}/{name}/weighted")
class WeightedWizardController {

    static final String VIEW = "weighted";
    static final String PREVIEW = "weighted :: preview";
    static final String WEIGHT_STATUS = "weighted :: weight-status";
    static final String WEIGHT_ERRORS = "weighted :: weight-errors";
    static final String ROUTE_ERRORS = "weighted :: route-errors";
    static final String APPLY_BAR = "weighted :: apply-bar";
    static final String APPLY_RESULT = "weighted :: apply-result";
    static final String BASE_VERSION = "weighted :: base-version";

    private final Catalog catalog;
    private final RoutingWorkflow workflow;
    private final DiagnosticMessages messages;

    WeightedWizardController(Catalog catalog, RoutingWorkflow workflow, DiagnosticMessages messages) {
        this.catalog = catalog;
        this.workflow = workflow;
        this.messages = messages;
    }

    @GetMapping
    String page(@PathVariable String namespace, @PathVariable String name, Model model) {
        ServiceDetail service = service(namespace, name);
        Optional<RoutingPlan> live = RoutingPlanParser.parse(service.virtualService(), service.destinationRule(),
                service.target());
        List<WeightRow> rows = initialRows(service, live);
        WeightedForm form = new WeightedForm(rows.stream().map(WeightRow::version).toList(),
                rows.stream().map(WeightRow::weight).toList(), RoutingWorkflow.baseVersion(service));
        model.addAttribute("editing", live.isPresent());
        model.addAttribute("baseVersion", form.baseVersion());
        fillPreview(service, form, model, false);
        return VIEW;
    }

    @HxRequest
    @PostMapping("/preview")
    FragmentsRendering preview(@PathVariable String namespace, @PathVariable String name,
                               @ModelAttribute WeightedForm form, Model model) {
        fillPreview(service(namespace, name), form, model, true);
        return FragmentsRendering.fragment(PREVIEW).fragment(WEIGHT_STATUS).fragment(WEIGHT_ERRORS)
                .fragment(ROUTE_ERRORS).fragment(APPLY_BAR).build();
    }

    @HxRequest
    @PostMapping("/apply")
    FragmentsRendering apply(@PathVariable String namespace, @PathVariable String name,
                             @ModelAttribute WeightedForm form, Model model) {
        ServiceDetail service = service(namespace, name);
        WeightedForm.Parsed parsed = form.toPlan(namespace, name);
        model.addAttribute("service", service.summary());
        try {
            if (!parsed.problems().isEmpty()) {
                throw new PlanRejectedException(parsed.problems());
            }
            model.addAttribute("applied", workflow.apply(parsed.plan(), form.baseVersion()));
            model.addAttribute("outcome", "applied");
        } catch (PlanRejectedException e) {
            model.addAttribute("outcome", "rejected");
            model.addAttribute("diagnostics", messages.resolve(e.diagnostics()));
        } catch (ClusterConflictException e) {
            model.addAttribute("outcome", "conflict");
        } catch (ClusterWriteException e) {
            model.addAttribute("outcome", "failed");
            model.addAttribute("failure", e);
        }
        model.addAttribute("oob", true);
        model.addAttribute("baseVersion", RoutingWorkflow.baseVersion(service(namespace, name)));
        var rendering = FragmentsRendering.fragment(APPLY_RESULT);
        if ("applied".equals(model.getAttribute("outcome"))) {
            rendering.fragment(BASE_VERSION).header("HX-Trigger", "routing-applied");
        }
        return rendering.build();
    }

    private void fillPreview(ServiceDetail service, WeightedForm form, Model model, boolean oob) {
        model.addAttribute("readOnly", readOnly(service, RoutingPlanParser.parse(service.virtualService(),
                service.destinationRule(), service.target())));
        WeightedForm.Parsed parsed = form.toPlan(service.summary().namespace(), service.summary().name());
        Preview preview = workflow.preview(parsed.plan());
        List<DiagnosticView> diagnostics = messages.resolve(parsed.merge(preview.diagnostics()));
        Map<String, VersionSummary> versions = service.summary().versions().stream()
                .collect(Collectors.toMap(VersionSummary::version, v -> v));
        List<WeightRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(form.version().size(), form.weight().size()); i++) {
            VersionSummary v = versions.get(form.version().get(i));
            rows.add(new WeightRow(i, form.version().get(i), form.weight().get(i), v == null ? 0 : v.ready(),
                    v == null ? 0 : v.desired()));
        }
        model.addAttribute("service", service.summary());
        model.addAttribute("rows", rows);
        model.addAttribute("sum", rows.stream().mapToInt(r -> parseOrZero(r.weight())).sum());
        model.addAttribute("preview", preview);
        model.addAttribute("diagnostics", diagnostics);
        model.addAttribute("hasErrors", diagnostics.stream().anyMatch(DiagnosticView::isError));
        model.addAttribute("oob", oob);
    }

    private List<WeightRow> initialRows(ServiceDetail service, Optional<RoutingPlan> live) {
        List<WeightRow> rows = new ArrayList<>();
        List<VersionSummary> versions = service.summary().versions();
        Map<String, Integer> weights = live.map(p -> p.rules().get(p.rules().size() - 1).route().stream()
                        .collect(Collectors.toMap(WeightedDestination::version, WeightedDestination::weight, Integer::sum)))
                .orElse(Map.of());
        for (int i = 0; i < versions.size(); i++) {
            VersionSummary v = versions.get(i);
            int weight = live.isPresent() ? weights.getOrDefault(v.version(), 0)
                    : v.implicitShare() != null ? v.implicitShare() : (i == 0 ? 100 : 0);
            rows.add(new WeightRow(i, v.version(), String.valueOf(weight), v.ready(), v.desired()));
        }
        // versions the live routing still names but no workload carries any more: shown, so nothing is lost
        weights.keySet().stream().filter(version -> versions.stream().noneMatch(v -> v.version().equals(version)))
                .sorted().forEach(version -> rows.add(
                        new WeightRow(rows.size(), version, String.valueOf(weights.get(version)), 0, 0)));
        return rows;
    }

    /** Routing Traffic Wizard did not write, or wrote but the form cannot express: shown, not edited. */
    private static boolean readOnly(ServiceDetail service, Optional<RoutingPlan> live) {
        return service.routing() == RoutingState.UNMANAGED
                || (service.routing() == RoutingState.MANAGED && live.isEmpty());
    }

    private ServiceDetail service(String namespace, String name) {
        return catalog.service(namespace, name).orElseThrow(NotFoundException::new);
    }

    private static int parseOrZero(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

}
