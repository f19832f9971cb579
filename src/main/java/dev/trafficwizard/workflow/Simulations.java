package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.istio.RequestSimulator;
import dev.trafficwizard.istio.Resolution;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.istio.SimulatedRequest;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.gatewayapi.GatewayApiModel;
import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import dev.trafficwizard.gatewayapi.IstioEquivalent;
import dev.trafficwizard.routing.RoutingApi;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * "Where does this request go?" answered from Istio objects (HTTPRoutes as the Istio objects they become): the live ones of the whole mesh, or
 * the live ones with a plan's proposed objects in place of the ones it would write.
 */
@Service
public class Simulations {

    private final ClusterCache cache;
    private final PlanObjects plans;

    Simulations(ClusterCache cache, PlanObjects plans) {
        this.cache = cache;
        this.plans = plans;
    }

    /**
     * The simulator on the plan's proposed objects when they can be built; otherwise (nothing is
     * built from an incomplete plan, e.g. a version missing) on the live objects.
     */
    public Resolution proposedOrLive(ServiceDetail service, RoutingPlan plan, SimulatedRequest request) {
        return plan != null && plans.check(plan).buildable() ? proposed(service, plan, request)
                : live(service, request);
    }

    /**
     * The live mesh; the service's HTTPRoutes take part as the VirtualServices Istio turns them into
     * ({@link GatewayApiModel}), so Gateway API precedence decides among their rules.
     */
    public Resolution live(ServiceDetail service, SimulatedRequest request) {
        IstioEquivalent routes = equivalent(service.httpRoutes(), service.versionServices(), service);
        return RequestSimulator.simulate(request, concat(cache.virtualServices(), routes.virtualServices()),
                concat(cache.destinationRules(), routes.destinationRules()),
                concat(cache.gateways(), routes.gateways()), service.target(), service.target().namespace());
    }

    /**
     * The mesh with the plan's objects in place of the service's own routing, whichever API the
     * plan is written with (the other API's objects of the service are gone, as apply removes them).
     */
    public Resolution proposed(ServiceDetail service, RoutingPlan plan, SimulatedRequest request) {
        ApiChoice api = plans.check(plan).api();
        List<VirtualService> virtualServices = without(cache.virtualServices(), service.virtualService());
        List<DestinationRule> destinationRules = without(cache.destinationRules(), service.destinationRule());
        List<Gateway> gateways = cache.gateways();
        IstioEquivalent routes;
        if (api != null && api.api() == RoutingApi.GATEWAY_API) {
            GatewayApiObjects objects = GatewayApiPlans.translate(plan, service, cache, null);
            routes = equivalent(concat(othersRoutes(service), objects.routes()), objects.versionServices(), service,
                    objects.gateway());
        } else {
            RoutingObjects objects = RoutingObjectBuilder.build(plan, service.target());
            virtualServices = replace(virtualServices, objects.virtualService());
            destinationRules = replace(destinationRules, objects.destinationRule());
            gateways = replace(gateways, objects.gateway());
            routes = equivalent(othersRoutes(service), service.versionServices(), service);
        }
        return RequestSimulator.simulate(request, concat(virtualServices, routes.virtualServices()),
                concat(destinationRules, routes.destinationRules()), concat(gateways, routes.gateways()),
                service.target(), service.target().namespace());
    }

    /** The HTTPRoutes that concern the service and that its own routing does not write (others' routes). */
    private static List<HTTPRoute> othersRoutes(ServiceDetail service) {
        List<HTTPRoute> own = new ArrayList<>(service.hostRoutes());
        service.httpRoute().ifPresent(own::add);
        return service.httpRoutes().stream().filter(r -> own.stream().noneMatch(o -> sameName(o, r))).toList();
    }

    private IstioEquivalent equivalent(List<HTTPRoute> routes, List<io.fabric8.kubernetes.api.model.Service> versions,
                                       ServiceDetail service, io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway... extra) {
        if (routes.isEmpty()) {
            return new IstioEquivalent(List.of(), List.of(), List.of());
        }
        List<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> gateways = new ArrayList<>(cache.gatewayApiGateways());
        for (var g : extra) {
            if (g != null) {
                gateways.removeIf(live -> sameName(live, g));
                gateways.add(g);
            }
        }
        return GatewayApiModel.toIstio(routes, versions, gateways, service.target());
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static <T extends HasMetadata> List<T> without(List<T> live, T removed) {
        return removed == null ? live : live.stream().filter(o -> !sameName(o, removed)).toList();
    }

    private static <T extends HasMetadata> List<T> replace(List<T> live, T proposed) {
        List<T> out = new ArrayList<>();
        for (T object : live) {
            if (proposed == null || !sameName(object, proposed)) {
                out.add(object);
            }
        }
        if (proposed != null) {
            out.add(proposed);
        }
        return out;
    }

    private static boolean sameName(HasMetadata a, HasMetadata b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }
}
