package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ambient mode: L7 routing for a Service happens in a waypoint proxy, so an HTTPRoute whose parent
 * is a Service in a namespace labelled {@code istio.io/dataplane-mode=ambient} only has an effect
 * when the Service uses a waypoint. The waypoint is chosen as Istio chooses it ({@code GetUseWaypoint}
 * in Istio's ambient controller): the Service's {@code istio.io/use-waypoint} label, else the
 * namespace's; the value {@code none} opts out; the waypoint is in the label's
 * {@code istio.io/use-waypoint-namespace}, else in the Service's namespace. Reported on the HTTPRoute at
 * {@code spec.parentRefs[i]}:
 * <ul>
 *   <li>{@code ROUTE_NO_WAYPOINT} (warning; arguments: the Service {@code namespace/name}, its namespace):
 *       no waypoint, or {@code none}; the route has no effect.</li>
 *   <li>{@code WAYPOINT_NOT_FOUND} (warning; arguments: the waypoint {@code namespace/name}, where the
 *       label is: {@code Service ns/name} or {@code Namespace ns}): no Gateway API Gateway of that name
 *       (in a namespace the dashboard sees); Istio then treats the Service as having no waypoint.</li>
 * </ul>
 * Istio's analyzers have no such rule (its controller reports {@code istio.io/WaypointBound=False} on
 * the Service). We do not hold GatewayClasses, so any Gateway of that name counts as the waypoint;
 * namespaces whose labels are unknown, and pods labelled ambient one by one, are not judged.
 */
public final class WaypointAnalyzer extends HttpRouteAnalyzer {

    static final String DATAPLANE_MODE = "istio.io/dataplane-mode";
    static final String USE_WAYPOINT = "istio.io/use-waypoint";
    static final String USE_WAYPOINT_NAMESPACE = "istio.io/use-waypoint-namespace";

    @Override
    void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out) {
        for (GatewayApiRefs.Parent p : GatewayApiRefs.parents(route)) {
            if (!p.isService()) {
                continue;
            }
            Map<String, String> nsLabels = mesh.namespaceLabels(p.namespace());
            Optional<Service> service = mesh.service(p.namespace(), p.name());
            if (!ambient(nsLabels) || service.isEmpty()) {
                continue;
            }
            Map<String, String> labels = service.get().getMetadata().getLabels() == null ? Map.of()
                    : service.get().getMetadata().getLabels();
            Optional<Waypoint> waypoint = waypoint(labels, nsLabels, p.namespace());
            String svc = p.namespace() + "/" + p.name();
            if (waypoint.isEmpty()) {
                out.add(Finding.warning(DiagnosticCode.ROUTE_NO_WAYPOINT, route, p.path(), svc, p.namespace()));
                continue;
            }
            String ns = waypoint.get().namespace();
            String name = waypoint.get().name();
            if (mesh.sees(ns) && mesh.k8sGateway(ns, name).isEmpty()) {
                out.add(Finding.warning(DiagnosticCode.WAYPOINT_NOT_FOUND, route, p.path(), ns + "/" + name,
                        labels.containsKey(USE_WAYPOINT) ? "Service " + svc : "Namespace " + p.namespace()));
            }
        }
    }

    /** Whether a namespace with these labels runs in ambient mode ({@code istio.io/dataplane-mode=ambient}). */
    public static boolean ambient(Map<String, String> namespaceLabels) {
        return "ambient".equals(namespaceLabels.get(DATAPLANE_MODE));
    }

    /** The waypoint a Service uses: {@code namespace/name} of its Gateway. */
    public record Waypoint(String namespace, String name) {
    }

    /**
     * The waypoint a Service uses, as Istio chooses it: the Service's {@code istio.io/use-waypoint}
     * label, else its namespace's; {@code none} (or empty) opts out; the waypoint lives in the label
     * owner's {@code istio.io/use-waypoint-namespace}, else in the Service's namespace.
     */
    public static Optional<Waypoint> waypoint(Map<String, String> serviceLabels, Map<String, String> namespaceLabels,
                                              String namespace) {
        Map<String, String> source = serviceLabels.containsKey(USE_WAYPOINT) ? serviceLabels
                : namespaceLabels.containsKey(USE_WAYPOINT) ? namespaceLabels : null;
        String name = source == null ? null : source.get(USE_WAYPOINT);
        if (name == null || name.isEmpty() || name.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(new Waypoint(source.getOrDefault(USE_WAYPOINT_NAMESPACE, namespace), name));
    }
}
