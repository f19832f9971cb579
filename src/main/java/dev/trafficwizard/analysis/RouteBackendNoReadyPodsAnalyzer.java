package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our own rule, the HTTPRoute twin of {@code WEIGHT_NO_READY_PODS}: a Service backend that gets
 * traffic (weight above 0; the default is 1) while the Deployments its selector matches have no
 * ready replica, or are all scaled to zero ({@code ROUTE_BACKEND_NO_READY_PODS}, warning, at
 * {@code spec.rules[i].backendRefs[j]}; arguments: the Service, the weight). As there, only Services
 * whose selector matches at least one Deployment are judged: one run by StatefulSets or other
 * workloads we do not hold is never reported. Istio has no analyzer for this.
 */
public final class RouteBackendNoReadyPodsAnalyzer extends HttpRouteAnalyzer {

    @Override
    void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out) {
        for (GatewayApiRefs.Backend b : GatewayApiRefs.backends(route)) {
            if (b.weight() <= 0 || !mesh.sees(b.namespace())) {
                continue;
            }
            Optional<Service> service = mesh.service(b.namespace(), b.name());
            Map<String, String> selector = service.isEmpty() || service.get().getSpec() == null ? null
                    : service.get().getSpec().getSelector();
            if (selector == null || selector.isEmpty() || mesh.deployments(b.namespace(), selector).isEmpty()) {
                continue;
            }
            boolean ready = mesh.deployments(b.namespace(), selector).stream().filter(Workloads::scaled)
                    .mapToInt(Workloads::ready).sum() > 0;
            if (!ready) {
                out.add(Finding.warning(DiagnosticCode.ROUTE_BACKEND_NO_READY_PODS, route, b.path(), b.name(), b.weight()));
            }
        }
    }
}
