package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.RoutingModel;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What deleting a service's routing removes: every managed VirtualService and DestinationRule in
 * the service's namespace that routes it (whatever their names, e.g. after a take-over), the
 * VirtualServices first, then the DestinationRules, then each managed Gateway of the service's
 * namespace that only those VirtualServices were bound to; under the Gateway API the service's
 * managed HTTPRoute goes first and its version Services after the DestinationRules. A managed VirtualService that also
 * routes other services is not removed with it: {@link #refused()} names it ({@code ROUTING_SHARED})
 * and nothing is deleted.
 */
record RoutingDeletion(List<HasMetadata> objects, List<Diagnostic> refused) {

    static RoutingDeletion of(ServiceDetail service, ClusterCache cache) {
        String namespace = service.target().namespace();
        String fqdn = service.target().fqdn();
        Map<String, VirtualService> virtualServices = new LinkedHashMap<>();
        Map<String, DestinationRule> destinationRules = new LinkedHashMap<>();
        List<HasMetadata> candidates = new ArrayList<>(service.routingObjects());
        candidates.add(service.virtualService());
        candidates.add(service.destinationRule());
        for (HasMetadata o : candidates) {
            if (o == null || !Managed.isManaged(o) || !namespace.equals(o.getMetadata().getNamespace())) {
                continue;
            }
            if (o instanceof VirtualService vs) {
                virtualServices.putIfAbsent(vs.getMetadata().getName(), vs);
            } else if (o instanceof DestinationRule dr) {
                destinationRules.putIfAbsent(dr.getMetadata().getName(), dr);
            }
        }
        List<Diagnostic> refused = new ArrayList<>();
        for (VirtualService vs : virtualServices.values()) {
            Set<String> others = otherServices(vs, fqdn);
            if (!others.isEmpty()) {
                refused.add(Diagnostic.error(DiagnosticCode.ROUTING_SHARED, "service",
                        namespace + "/" + vs.getMetadata().getName(), String.join(", ", others)));
            }
        }
        List<HasMetadata> objects = new ArrayList<>();
        // the HTTPRoute first: nothing may send to the version Services removed after it
        objects.addAll(service.hostRoutes());
        service.httpRoute().filter(Managed::isManaged).ifPresent(objects::add);
        objects.addAll(virtualServices.values());
        objects.addAll(destinationRules.values());
        objects.addAll(service.versionServices());
        objects.addAll(orphanedGateways(virtualServices.values(), null, namespace, cache));
        GatewayApiGateways.orphaned(service, null, cache).ifPresent(objects::add);
        return new RoutingDeletion(objects, refused);
    }

    /**
     * The services other than {@code fqdn} the VirtualService routes to. Its hosts do not count: a
     * gateway host such as {@code shop.example} cannot be told from a short service name.
     */
    static Set<String> otherServices(VirtualService vs, String fqdn) {
        Set<String> others = new LinkedHashSet<>();
        if (vs.getSpec() == null) {
            return others;
        }
        String ns = vs.getMetadata().getNamespace();
        List<String> hosts = new ArrayList<>();
        if (vs.getSpec().getHttp() != null) {
            vs.getSpec().getHttp().stream().filter(h -> h.getRoute() != null).flatMap(h -> h.getRoute().stream())
                    .filter(r -> r.getDestination() != null && r.getDestination().getHost() != null)
                    .forEach(r -> hosts.add(r.getDestination().getHost()));
        }
        for (String host : hosts) {
            String resolved = host == null ? "" : Hosts.resolve(host, ns);
            if (resolved.endsWith(".svc.cluster.local") && !resolved.startsWith("*") && !resolved.equals(fqdn)) {
                others.add(resolved);
            }
        }
        return others;
    }

    /**
     * The managed Gateways of the namespace that the VirtualServices being removed or replaced are
     * bound to and that nothing else will be bound to: not their {@code replacement} (null when they
     * are only removed), and no other VirtualService.
     */
    static List<Gateway> orphanedGateways(Collection<VirtualService> removed, VirtualService replacement,
                                          String namespace, ClusterCache cache) {
        Set<String> removedNames = new LinkedHashSet<>();
        Set<String> gateways = new LinkedHashSet<>();
        for (VirtualService vs : removed) {
            removedNames.add(vs.getMetadata().getName());
            if (vs.getSpec() != null) {
                gateways.addAll(RoutingModel.boundGateways(vs, namespace));
            }
        }
        if (replacement != null && replacement.getSpec() != null) {
            gateways.removeAll(RoutingModel.boundGateways(replacement, namespace));
        }
        List<Gateway> out = new ArrayList<>();
        for (String gateway : gateways) {
            if (!gateway.startsWith(namespace + "/")) {
                continue;
            }
            String name = gateway.substring(namespace.length() + 1);
            cache.gateway(namespace, name).filter(Managed::isManaged)
                    .filter(g -> cache.virtualServicesBoundTo(namespace, name).stream().allMatch(vs ->
                            namespace.equals(vs.getMetadata().getNamespace())
                                    && removedNames.contains(vs.getMetadata().getName())))
                    .ifPresent(out::add);
        }
        return out;
    }
}
