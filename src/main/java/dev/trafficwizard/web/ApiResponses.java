package dev.trafficwizard.web;

import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.Preview;

import java.util.List;

/** The JSON shapes the REST API answers with. */
final class ApiResponses {

    private ApiResponses() {
    }

    /** A service; {@code diagnostics} are the live checks' findings about its routing. */
    record ServiceResponse(ServiceSummary service, RoutingPlan plan, boolean editable, String liveYaml,
                           String baseVersion, List<FindingView> diagnostics) {
    }

    /**
     * A preview: {@code changes} lists each entry point whose routing differs (before and after in one
     * line), {@code warnings} the changes a caller may not have meant (GATEWAY_DELETED, MESH_UNBOUND,
     * HOST_NOT_SERVED, VERSION_LOSES_TRAFFIC, FIELDS_DROPPED); {@code api} the traffic API the objects
     * are written with ("istio" or "gateway-api") and {@code apiReason} why (PLAN, ROUTING, AMBIENT,
     * DEFAULT); both null when the service is unknown.
     */
    record PreviewResponse(String yaml, List<Preview.Resource> resources, List<DiagnosticView> diagnostics,
                           String baseVersion, List<Change> changes, List<DiagnosticView> warnings, String api,
                           String apiReason) {
    }

    /** One entry point ({@code mesh|host} or {@code ns/gateway|host}) whose routing changes. */
    record Change(String entry, String before, String after) {
    }

    record ApplyResponse(List<WriteOutcome.AppliedObject> applied) {
    }

    record DeleteResponse(List<WriteOutcome.AppliedObject> deleted) {
    }

    record ErrorResponse(List<DiagnosticView> diagnostics, String reload, List<String> restored,
                         List<String> notRestored) {

        static ErrorResponse of(List<DiagnosticView> diagnostics) {
            return new ErrorResponse(diagnostics, null, null, null);
        }
    }
}
