package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Read side of the REST API: services with their versions and routing. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "services")
class ServicesApiController {

    private final Catalog catalog;

    ServicesApiController(Catalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "Services with their versions (deployments, replicas, ready pods) and routing state")
    @GetMapping("/services")
    List<ServiceSummary> services(@RequestParam(defaultValue = "") String namespace,
                                  @RequestParam(defaultValue = "") String q) {
        return catalog.services(namespace, q);
    }

    @Operation(summary = "One service, with its current plan when its routing is managed and expressible")
    @GetMapping("/namespaces/{namespace}/services/{name}")
    ApiResponses.ServiceResponse service(@PathVariable String namespace, @PathVariable String name) {
        ServiceDetail detail = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        RoutingPlan plan = detail.livePlan().orElse(null);
        String liveYaml = detail.liveYaml();
        boolean editable = detail.routing() == RoutingState.NONE || plan != null;
        return new ApiResponses.ServiceResponse(detail.summary(), plan, editable, liveYaml,
                RoutingWorkflow.baseVersion(detail));
    }
}
