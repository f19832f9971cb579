package dev.trafficwizard.web;

import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.Preview;

import java.util.List;

/** The JSON shapes the REST API answers with. */
final class ApiResponses {

    private ApiResponses() {
    }

    record ServiceResponse(ServiceSummary service, RoutingPlan plan, boolean editable, String liveYaml,
                           String baseVersion) {
    }

    record PreviewResponse(String yaml, List<Preview.Resource> resources, List<DiagnosticView> diagnostics,
                           String baseVersion) {
    }

    record ApplyResponse(List<RoutingApplier.Applied> applied) {
    }

    record DeleteResponse(List<RoutingApplier.Applied> deleted) {
    }

    record ErrorResponse(List<DiagnosticView> diagnostics, String reload, List<String> restored,
                         List<String> notRestored) {

        static ErrorResponse of(List<DiagnosticView> diagnostics) {
            return new ErrorResponse(diagnostics, null, null, null);
        }
    }
}
