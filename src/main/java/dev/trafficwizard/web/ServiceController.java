package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.istio.RoutingPlanParser;
import dev.trafficwizard.istio.YamlRenderer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One service: versions, live routing as YAML, actions. */
@Controller
class ServiceController {

    static final String VIEW = "service";

    private final Catalog catalog;

    ServiceController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/services/{namespace}/{name}")
    String page(@PathVariable String namespace, @PathVariable String name, Model model) {
        ServiceDetail service = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        model.addAttribute("service", service);
        model.addAttribute("summary", service.summary());
        model.addAttribute("liveYaml", service.routingObjects().isEmpty() ? ""
                : YamlRenderer.render(service.routingObjects().stream().map(YamlRenderer::withoutServerFields).toList()));
        boolean expressible = service.routing() == RoutingState.MANAGED && RoutingPlanParser
                .parse(service.virtualService(), service.destinationRule(), service.target()).isPresent();
        model.addAttribute("editable", service.routing() == RoutingState.NONE || expressible);
        model.addAttribute("unexpressible", service.routing() == RoutingState.MANAGED && !expressible);
        return VIEW;
    }
}
