package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.PlanRejectedException;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;

/** Read side of the REST API: services with their versions and routing. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "services")
class ServicesApiController {

    private final Catalog catalog;
    private final dev.trafficwizard.workflow.MeshChecks checks;
    private final DiagnosticMessages messages;

    ServicesApiController(Catalog catalog, dev.trafficwizard.workflow.MeshChecks checks, DiagnosticMessages messages) {
        this.catalog = catalog;
        this.checks = checks;
        this.messages = messages;
    }

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 500;

    /**
     * One page of the services, sorted by namespace and name: only that page is summarized, so the
     * answer costs the same on any cluster. {@code X-Total-Count} says how many match in all, and a
     * {@code Link} header with {@code rel="next"} points to the next page while there is one (a relative
     * reference: nothing in it comes from the request's Host header).
     */
    @Operation(summary = "Services with their versions (deployments, replicas, ready pods) and routing state, "
            + "a page at a time (page from 1, size up to 500; X-Total-Count and Link rel=next headers)")
    @GetMapping("/services")
    ResponseEntity<List<ServiceSummary>> services(@RequestParam(defaultValue = "") String namespace,
                                                  @RequestParam(defaultValue = "") String q,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size,
                                                  HttpServletRequest request) {
        List<Diagnostic> problems = new ArrayList<>();
        if (page < 1) {
            problems.add(Diagnostic.error(DiagnosticCode.INVALID_VALUE, "page", "pages are numbered from 1"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(Diagnostic.error(DiagnosticCode.INVALID_VALUE, "size", "a page holds 1 to " + MAX_PAGE_SIZE + " services"));
        }
        if (!problems.isEmpty()) {
            throw new PlanRejectedException(problems);
        }
        Catalog.ServicePage result = catalog.page(namespace, q, page - 1, size);
        // past the last page: nothing, rather than the last page again (a client looping on Link would not stop)
        List<ServiceSummary> rows = result.page() == page - 1 ? result.rows() : List.of();
        var answer = ResponseEntity.ok().header("X-Total-Count", String.valueOf(result.total()));
        if (result.page() == page - 1 && result.hasNext()) {
            // relative (context path + path + query): never built from the request's Host header
            UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getContextPath() + "/api/v1/services");
            if (!namespace.isEmpty()) {
                link.queryParam("namespace", namespace);
            }
            if (!q.isEmpty()) {
                link.queryParam("q", q);
            }
            String next = link.queryParam("page", page + 1).queryParam("size", size).encode().build().toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(rows);
    }

    @Operation(summary = "One service, with its current plan when its routing is managed and expressible, and the "
            + "diagnostics of its live routing")
    @GetMapping("/namespaces/{namespace}/services/{name}")
    ApiResponses.ServiceResponse service(@PathVariable String namespace, @PathVariable String name) {
        ServiceDetail detail = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        RoutingPlan plan = detail.livePlan().orElse(null);
        String liveYaml = detail.liveYaml();
        return new ApiResponses.ServiceResponse(detail.summary(), plan, detail.editable(), liveYaml,
                RoutingWorkflow.baseVersion(detail), messages.resolveFindings(checks.findingsForService(namespace, name)));
    }
}
