package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.istio.RoutingPlanParser;
import dev.trafficwizard.istio.YamlRenderer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import dev.trafficwizard.workflow.Simulations;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

/** One service: versions, live routing as YAML, actions. */
@Controller
class ServiceController {

    static final String VIEW = "service";

    private final Catalog catalog;
    private final Simulations simulations;

    ServiceController(Catalog catalog, Simulations simulations) {
        this.catalog = catalog;
        this.simulations = simulations;
    }

    @GetMapping("/services/{namespace}/{name}")
    String page(@PathVariable String namespace, @PathVariable String name, Model model) {
        ServiceDetail service = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        model.addAttribute("service", service);
        model.addAttribute("summary", service.summary());
        model.addAttribute("liveYaml", YamlRenderer.render(service.liveObjects()));
        var plan = service.livePlan();
        boolean expressible = plan.isPresent();
        model.addAttribute("editable", service.routing() == RoutingState.NONE || expressible);
        model.addAttribute("unexpressible", service.routing() == RoutingState.MANAGED && !expressible);
        model.addAttribute("liveForm", plan.map(p -> RoutingPlanParser.form(service.virtualService())
                .orElseGet(() -> FormReader.bestFit(p).segment())).orElse(null));
        return VIEW;
    }

    /** The simulator on the live objects of the whole mesh. */
    @HxRequest
    @PostMapping("/services/{namespace}/{name}/simulate")
    String simulate(@PathVariable String namespace, @PathVariable String name, @ModelAttribute SimulationForm request,
                    Model model) {
        ServiceDetail service = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        model.addAttribute("resolution", simulations.live(service, request.toRequest(service.target().fqdn())));
        return RoutingFormController.SIMULATION;
    }
}
