package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.Comparator;
import java.util.List;

/**
 * A VirtualService bound to the mesh and an HTTPRoute whose parent is a Service both routing that
 * Service's host ({@code ROUTING_API_MIXED}, error; arguments: the other object's kind, its
 * {@code namespace/name}, the host), reported on both: on the VirtualService at {@code spec.hosts[i]},
 * on the HTTPRoute at {@code spec.parentRefs[i]}. Istio's documentation calls mixing the two APIs for
 * one workload undefined behaviour, and Istio's analyzers have no rule for it.
 * <p>
 * An error, not a warning: which of the two objects decides where a request goes is not defined, so
 * neither object's routing (nor the simulator's or the diagram's reading of it) can be relied on until
 * one of them is removed. Moving a service to the Gateway API passes through this state only between
 * writing the HTTPRoute and removing the VirtualService. Ingress routing (a VirtualService bound to an
 * Istio Gateway, an HTTPRoute attached to a Gateway API Gateway) runs in different proxies and is not
 * reported.
 */
public final class MixedRoutingApiAnalyzer implements Analyzer {

    @Override
    public boolean appliesTo(HasMetadata object) {
        return object instanceof HTTPRoute || object instanceof VirtualService;
    }

    @Override
    public void analyze(HasMetadata object, MeshSnapshot mesh, List<Finding> out) {
        if (object instanceof HTTPRoute route && route.getSpec() != null) {
            for (GatewayApiRefs.Parent p : GatewayApiRefs.parents(route)) {
                if (!p.isService()) {
                    continue;
                }
                String host = Hosts.serviceFqdn(p.name(), p.namespace());
                mesh.virtualServicesWithHost(host).stream().filter(GatewayNotFoundAnalyzer::boundToMesh)
                        .sorted(Comparator.comparing(ObjectRef::of))
                        .forEach(vs -> out.add(Finding.error(DiagnosticCode.ROUTING_API_MIXED, route, p.path(),
                                "VirtualService", vs.getMetadata().getNamespace() + "/" + vs.getMetadata().getName(), host)));
            }
        } else if (object instanceof VirtualService vs && vs.getSpec() != null && vs.getSpec().getHosts() != null
                && GatewayNotFoundAnalyzer.boundToMesh(vs)) {
            List<String> hosts = vs.getSpec().getHosts();
            for (int i = 0; i < hosts.size(); i++) {
                if (hosts.get(i) == null) {
                    continue;
                }
                String host = Hosts.resolve(hosts.get(i), vs.getMetadata().getNamespace());
                int index = i;
                ClusterHosts.serviceOf(host).ifPresent(s -> mesh.httpRoutesForService(s.namespace(), s.name()).stream()
                        .sorted(Comparator.comparing(ObjectRef::of))
                        .forEach(r -> out.add(Finding.error(DiagnosticCode.ROUTING_API_MIXED, vs, "spec.hosts[" + index + "]",
                                "HTTPRoute", r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), host))));
            }
        }
    }
}
