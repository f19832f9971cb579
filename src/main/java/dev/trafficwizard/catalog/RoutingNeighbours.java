package dev.trafficwizard.catalog;

import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.istio.RoutingModel;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import dev.trafficwizard.analysis.GatewayApiRefs;
import dev.trafficwizard.gatewayapi.GatewayApiModel;
import dev.trafficwizard.gatewayapi.IstioEquivalent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects around a service that its routing model needs, found by index in the caches: its own
 * routing objects, the Gateways they are bound to, the VirtualServices competing for the same host
 * on those Gateways, and mesh VirtualServices whose wildcard host covers the service.
 */
final class RoutingNeighbours {

    private final ClusterCache cache;

    RoutingNeighbours(ClusterCache cache) {
        this.cache = cache;
    }

    /**
     * The service's routes with some objects proposed in place of the live ones ({@code replace},
     * same kind, namespace and name) and others gone ({@code remove}).
     */
    ServiceRoutes routesWith(ServiceDetail service, List<HasMetadata> replace, List<HasMetadata> remove) {
        Map<String, HasMetadata> objects = new LinkedHashMap<>();
        related(service.target().fqdn(), service.routingObjects()).forEach(o -> objects.put(refOf(o), o));
        if (service.gateway() != null) {
            objects.putIfAbsent(refOf(service.gateway()), service.gateway());
        }
        remove.forEach(o -> objects.remove(refOf(o)));
        replace.forEach(o -> objects.put(refOf(o), o));
        related(service.target().fqdn(), replace).forEach(o -> objects.putIfAbsent(refOf(o), o));
        return model(List.copyOf(objects.values()), service.target());
    }

    /** The routing model of a service over these objects. */
    static ServiceRoutes model(List<HasMetadata> objects, TargetService target) {
        List<VirtualService> virtualServices = new ArrayList<>(ofType(objects, VirtualService.class));
        List<DestinationRule> destinationRules = new ArrayList<>(ofType(objects, DestinationRule.class));
        List<Gateway> gateways = new ArrayList<>(ofType(objects, Gateway.class));
        List<HTTPRoute> routes = ofType(objects, HTTPRoute.class);
        if (!routes.isEmpty()) {
            // HTTPRoutes are resolved as Istio resolves them: as the VirtualServices they become
            IstioEquivalent equivalent = GatewayApiModel.toIstio(routes, ofType(objects, Service.class),
                    ofType(objects, io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class), target);
            virtualServices.addAll(equivalent.virtualServices());
            destinationRules.addAll(equivalent.destinationRules());
            gateways.addAll(equivalent.gateways());
        }
        return RoutingModel.of(virtualServices, destinationRules, gateways, target).service();
    }

    private static <T> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * What the routing model needs to resolve a service's entry points: its routing objects, the
     * Gateways their VirtualServices are bound to, and the other VirtualServices bound to those
     * Gateways with one of the same hosts (they compete for the host there). Found by index.
     */
    List<HasMetadata> related(String fqdn, List<HasMetadata> routingObjects) {
        routingObjects = withParentGateways(routingObjects);
        List<VirtualService> wildcards = meshWildcards(fqdn);
        if (wildcards.isEmpty() && routingObjects.stream().noneMatch(RoutingNeighbours::boundToGateways)) {
            return routingObjects;
        }
        Map<String, HasMetadata> out = new LinkedHashMap<>();
        routingObjects.forEach(o -> out.put(refOf(o), o));
        wildcards.forEach(o -> out.putIfAbsent(refOf(o), o));
        for (HasMetadata o : routingObjects) {
            if (!(o instanceof VirtualService vs) || vs.getSpec() == null) {
                continue;
            }
            String ns = vs.getMetadata().getNamespace();
            for (String gateway : RoutingModel.boundGateways(vs, ns)) {
                if (gateway.equals(EffectiveHosts.MESH)) {
                    continue;
                }
                int slash = gateway.indexOf('/');
                cache.gateway(gateway.substring(0, slash), gateway.substring(slash + 1))
                        .ifPresent(gw -> out.putIfAbsent(refOf(gw), gw));
                for (String h : vs.getSpec().getHosts() == null ? List.<String>of() : vs.getSpec().getHosts()) {
                    cache.virtualServicesWithHostKey(Hosts.resolve(h, ns)).stream()
                            .filter(other -> RoutingModel.bindsTo(other, gateway))
                            .forEach(other -> out.putIfAbsent(refOf(other), other));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * VirtualServices bound to the mesh whose host is a wildcard covering the service's FQDN
     * ({@code *}, {@code *.svc.cluster.local}, {@code *.<ns>.svc.cluster.local}, …): they route it
     * inside the mesh unless a more specific host wins, which the routing model decides.
     */
    private List<VirtualService> meshWildcards(String fqdn) {
        List<String> keys = new ArrayList<>(List.of("*"));
        for (int dot = fqdn.indexOf('.'); dot >= 0; dot = fqdn.indexOf('.', dot + 1)) {
            keys.add("*" + fqdn.substring(dot));
        }
        List<VirtualService> out = new ArrayList<>();
        for (String key : keys) {
            cache.virtualServicesWithHostKey(key).stream().filter(vs -> RoutingModel.bindsTo(vs, EffectiveHosts.MESH))
                    .forEach(out::add);
        }
        return out;
    }

    /** The objects with the Gateway API Gateways their HTTPRoutes are attached to (each once). */
    private List<HasMetadata> withParentGateways(List<HasMetadata> objects) {
        if (objects.stream().noneMatch(HTTPRoute.class::isInstance)) {
            return objects;
        }
        Map<String, HasMetadata> out = new LinkedHashMap<>();
        objects.forEach(o -> out.put(refOf(o), o));
        for (HasMetadata o : objects) {
            if (o instanceof HTTPRoute r) {
                GatewayApiRefs.parents(r).stream().filter(GatewayApiRefs.Parent::isGateway)
                        .map(p -> cache.gatewayApiGateway(p.namespace(), p.name()))
                        .flatMap(java.util.Optional::stream).forEach(g -> out.putIfAbsent(refOf(g), g));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The Gateway API Gateway in the service's namespace that its own HTTPRoute (named after it) is
     * attached to, if any: the one a plan's gateway section edits.
     */
    java.util.Optional<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> boundGatewayApiGateway(
            List<HasMetadata> routingObjects, String namespace, String name) {
        return routingObjects.stream().filter(HTTPRoute.class::isInstance).map(HTTPRoute.class::cast)
                .filter(r -> r.getMetadata().getName().equals(name) && r.getMetadata().getNamespace().equals(namespace))
                .flatMap(r -> GatewayApiRefs.parents(r).stream())
                .filter(p -> p.isGateway() && p.namespace().equals(namespace))
                .map(p -> cache.gatewayApiGateway(namespace, p.name()))
                .flatMap(java.util.Optional::stream).findFirst();
    }

    private static boolean boundToGateways(HasMetadata o) {
        return o instanceof VirtualService vs && vs.getSpec() != null && vs.getSpec().getGateways() != null
                && !vs.getSpec().getGateways().isEmpty();
    }

    private static String refOf(HasMetadata o) {
        // by class, not kind: Istio's Gateway and the Gateway API's Gateway share the kind
        return o.getClass().getName() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }
}
