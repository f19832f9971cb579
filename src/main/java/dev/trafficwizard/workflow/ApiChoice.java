package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.analysis.WaypointAnalyzer;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which traffic API a plan is written with, and why. The plan's own {@code api} wins; without one,
 * a service keeps the API its managed routing is written with (an HTTPRoute: the Gateway API; a
 * VirtualService: Istio's), so no plan moves routing to the other API unasked; a service without
 * routing in a namespace in ambient mode ({@code istio.io/dataplane-mode=ambient}) gets the Gateway
 * API, which Istio recommends there; anything else Istio's API. The Gateway API is chosen only
 * where the cluster serves it.
 */
public record ApiChoice(RoutingApi api, Reason reason, String namespace) {

    /** Why {@link #api} was chosen; {@code api.choice.<REASON>} is its text. */
    public enum Reason {
        PLAN, ROUTING, AMBIENT, DEFAULT;

        public String messageKey() {
            return "api.choice." + name();
        }
    }

    static ApiChoice of(RoutingPlan plan, ServiceDetail service, ClusterCache cache) {
        String namespace = service.target().namespace();
        Optional<RoutingApi> named = plan == null ? Optional.empty() : plan.chosenApi();
        if (named.isPresent()) {
            return new ApiChoice(named.get(), Reason.PLAN, namespace);
        }
        if (service.virtualService() != null) {
            return new ApiChoice(RoutingApi.ISTIO, Reason.ROUTING, namespace);
        }
        if (service.routedWithGatewayApi()) {
            return new ApiChoice(RoutingApi.GATEWAY_API, Reason.ROUTING, namespace);
        }
        if (cache.gatewayApiAvailable() && ambient(cache, namespace)) {
            return new ApiChoice(RoutingApi.GATEWAY_API, Reason.AMBIENT, namespace);
        }
        return new ApiChoice(RoutingApi.ISTIO, Reason.DEFAULT, namespace);
    }

    static boolean ambient(ClusterCache cache, String namespace) {
        return WaypointAnalyzer.ambient(cache.namespaceLabels(namespace));
    }

    /** What is wrong with the plan's {@code api}: an unknown name, or the Gateway API where it is not served. */
    static List<Diagnostic> diagnostics(RoutingPlan plan, ApiChoice choice, ClusterCache cache) {
        List<Diagnostic> out = new ArrayList<>();
        if (plan != null && plan.api() != null && plan.chosenApi().isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_API, "api", plan.api()));
        } else if (choice != null && choice.api() == RoutingApi.GATEWAY_API && !cache.gatewayApiAvailable()) {
            out.add(Diagnostic.error(DiagnosticCode.GATEWAY_API_MISSING, "api"));
        }
        return out;
    }
}
