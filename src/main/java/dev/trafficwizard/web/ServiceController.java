package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.release.ForeignOwners;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import dev.trafficwizard.workflow.WriteResult;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Simulations;
import org.springframework.web.bind.annotation.RequestParam;
import java.util.List;
import dev.trafficwizard.metrics.ServiceRef;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** One service: versions, live routing as YAML, actions. */
@Controller
class ServiceController {

    static final String VIEW = "service";
    static final String ACTION_RESULT = "service :: action-result";

    private final Catalog catalog;
    private final Simulations simulations;
    private final RoutingWorkflow workflow;
    private final DiagnosticMessages messages;
    private final Diagrams diagrams;
    private final LiveChecks checks;
    private final ForeignOwners foreignOwners;
    private final RolloutPanel rollout;
    private final PageFigures figures;

    ServiceController(Catalog catalog, Simulations simulations, RoutingWorkflow workflow,
                      DiagnosticMessages messages, Diagrams diagrams, LiveChecks checks, ForeignOwners foreignOwners,
                      RolloutPanel rollout, PageFigures figures) {
        this.checks = checks;
        this.foreignOwners = foreignOwners;
        this.rollout = rollout;
        this.figures = figures;
        this.catalog = catalog;
        this.simulations = simulations;
        this.workflow = workflow;
        this.messages = messages;
        this.diagrams = diagrams;
    }

    @GetMapping("/services/{namespace}/{name}")
    String page(@PathVariable String namespace, @PathVariable String name,
                @RequestParam(required = false) String object, @RequestParam(required = false) String path,
                Model model) {
        ServiceDetail service = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        model.addAttribute("service", service);
        model.addAttribute("summary", service.summary());
        String liveYaml = service.liveYaml();
        model.addAttribute("liveYaml", liveYaml);
        // the diagnostics of its live routing, and the lines of the one picked (?object=&path=)
        model.addAttribute("checks", checks.forService(namespace, name, liveYaml, object, path));
        model.addAttribute("diagram", diagrams.svg(service.routes(), "service-diagram"));
        // #17: the Release panel, and the request figures beside the weights
        rollout.fill(model, service.summary());
        model.addAttribute("figures", figures.of(List.of(new ServiceRef(namespace, name))));
        model.addAttribute("demoFailing", figures.demoFailing(namespace, name,
                service.summary().versions().stream().map(v -> v.version()).toList()));
        var plan = service.livePlan();
        model.addAttribute("editable", service.editable());
        model.addAttribute("gatewayApiAvailable", catalog.gatewayApiAvailable());
        model.addAttribute("unexpressible", service.unexpressible());
        model.addAttribute("liveForm", plan.map(p -> FormReader.madeWith(service, p).segment()).orElse(null));
        model.addAttribute("deletion", service.routing() == RoutingState.MANAGED ? workflow.deletion(service)
                : List.of());
        model.addAttribute("takeOver", service.routing() == RoutingState.UNMANAGED
                ? workflow.takeOverPreview(service) : List.of());
        model.addAttribute("takeOverVersion", RoutingWorkflow.takeOverVersion(service));
        // #17 fc: Argo Rollouts, Flagger or another controller manages this routing (read-only card)
        model.addAttribute("foreign", foreignOwners.managing(service));
        return VIEW;
    }

    /** Removes the managed routing after the confirmation that named every object. */
    @HxRequest
    @PostMapping("/services/{namespace}/{name}/routing/delete")
    String delete(@PathVariable String namespace, @PathVariable String name, Model model,
                  @RequestParam(defaultValue = "false") boolean acknowledgeOwner,
                  HttpServletRequest request, HttpServletResponse response) {
        catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        return outcome(model, "deleted", workflow.delete(namespace, name, acknowledgeOwner),
                new PageReload(request, response, namespace, name));
    }

    /** Takes over unmanaged routing after the confirmation that showed the diff. */
    @HxRequest
    @PostMapping("/services/{namespace}/{name}/take-over")
    String takeOver(@PathVariable String namespace, @PathVariable String name,
                    @RequestParam(defaultValue = "") String baseVersion, Model model,
                    @RequestParam(defaultValue = "false") boolean acknowledgeOwner,
                    HttpServletRequest request, HttpServletResponse response) {
        catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        return outcome(model, "takenOver", workflow.takeOver(namespace, name, baseVersion, acknowledgeOwner),
                new PageReload(request, response, namespace, name));
    }

    /**
     * A write changes most of the page (state, actions, YAML, where requests go, shares): after a
     * success the browser loads the page again, which shows what was written; a refusal or a
     * conflict stays in place.
     */
    private String outcome(Model model, String success, WriteResult result, PageReload reload) {
        if (WriteOutcome.show(model, success, messages, result)) {
            reload.with(model, "outcome", "applied");
        }
        return ACTION_RESULT;
    }

    /** The simulator on the live objects of the whole mesh. */
    @HxRequest
    @PostMapping("/services/{namespace}/{name}/simulate")
    String simulate(@PathVariable String namespace, @PathVariable String name, @ModelAttribute SimulationForm request,
                    Model model) {
        ServiceDetail service = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        if (RoutingFormController.unreadable(request, model)) {
            return RoutingFormController.SIMULATION_ERROR;
        }
        model.addAttribute("resolution", simulations.live(service, request.toRequest(service.target().fqdn())));
        return RoutingFormController.SIMULATION;
    }
}
