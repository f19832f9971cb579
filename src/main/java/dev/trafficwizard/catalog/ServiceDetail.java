package dev.trafficwizard.catalog;

import dev.trafficwizard.gatewayapi.GatewayApiParser;
import dev.trafficwizard.gatewayapi.HostRoutes;
import dev.trafficwizard.gatewayapi.VersionPolicies;
import dev.trafficwizard.istio.RoutingPlanParser;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One service with everything its page shows: the summary, the routing target for plans, the
 * live routing objects that concern it, and the VirtualService and DestinationRule named after it
 * (the ones Traffic Wizard writes), when present, and the Gateway in the service's namespace that
 * VirtualService is bound to (null when none, or when it is in another namespace).
 */
public record ServiceDetail(ServiceSummary summary, TargetService target, List<HasMetadata> routingObjects,
                            VirtualService virtualService, DestinationRule destinationRule, Gateway gateway,
                            ServiceRoutes routes,
                            io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway gatewayApiGateway) {

    public ServiceDetail {
        routingObjects = List.copyOf(routingObjects);
        if (routes == null) {
            List<HasMetadata> objects = new ArrayList<>(routingObjects);
            if (gateway != null) {
                objects.add(gateway);
            }
            if (gatewayApiGateway != null) {
                objects.add(gatewayApiGateway);
            }
            routes = RoutingNeighbours.model(objects, target);
        }
    }

    public ServiceDetail(ServiceSummary summary, TargetService target, List<HasMetadata> routingObjects,
                         VirtualService virtualService, DestinationRule destinationRule, Gateway gateway,
                         ServiceRoutes routes) {
        this(summary, target, routingObjects, virtualService, destinationRule, gateway, routes, null);
    }

    public ServiceDetail(ServiceSummary summary, TargetService target, List<HasMetadata> routingObjects,
                         VirtualService virtualService, DestinationRule destinationRule, Gateway gateway) {
        this(summary, target, routingObjects, virtualService, destinationRule, gateway, null, null);
    }

    public ServiceDetail(ServiceSummary summary, TargetService target, List<HasMetadata> routingObjects,
                         VirtualService virtualService, DestinationRule destinationRule) {
        this(summary, target, routingObjects, virtualService, destinationRule, null, null, null);
    }

    /** The HTTPRoute named after the service in its namespace (the one Traffic Wizard writes), if any. */
    public Optional<HTTPRoute> httpRoute() {
        return routingObjects.stream().filter(HTTPRoute.class::isInstance).map(HTTPRoute.class::cast)
                .filter(r -> r.getMetadata().getName().equals(target.name())
                        && r.getMetadata().getNamespace().equals(target.namespace()))
                .findFirst();
    }

    /**
     * The managed HTTPRoutes of its subdomain routing, one per host (labelled as routes of the service),
     * besides the route named after the service ({@link #httpRoute()}).
     */
    public List<HTTPRoute> hostRoutes() {
        return httpRoutes().stream().filter(dev.trafficwizard.istio.Managed::isManaged)
                .filter(r -> r.getMetadata().getLabels() != null
                        && target.name().equals(r.getMetadata().getLabels().get(HostRoutes.ROUTE_OF))
                        && r.getMetadata().getNamespace().equals(target.namespace())
                        && !r.getMetadata().getName().equals(target.name()))
                .toList();
    }

    /** Every HTTPRoute that concerns the service. */
    public List<HTTPRoute> httpRoutes() {
        return routingObjects.stream().filter(HTTPRoute.class::isInstance).map(HTTPRoute.class::cast).toList();
    }

    /** The managed version Services ({@code <service>-<version>}) its HTTPRoute sends to. */
    public List<Service> versionServices() {
        return routingObjects.stream().filter(Service.class::isInstance).map(Service.class::cast).toList();
    }

    /**
     * The managed DestinationRules of its version Services ({@code <service>-<version>}): the traffic
     * policies of its Gateway API routing.
     */
    public List<DestinationRule> versionDestinationRules() {
        return routingObjects.stream().filter(DestinationRule.class::isInstance).map(DestinationRule.class::cast)
                .filter(dr -> VersionPolicies.isVersionRule(dr, target.name())
                        && target.namespace().equals(dr.getMetadata().getNamespace()))
                .toList();
    }

    /** Whether the managed routing is written with the Gateway API (an HTTPRoute) rather than Istio's API. */
    public boolean routedWithGatewayApi() {
        return httpRoute().isPresent() && virtualService == null;
    }


    /** The plan of the managed routing; empty without managed routing or when a form cannot express it. */
    public Optional<RoutingPlan> livePlan() {
        if (routing() != RoutingState.MANAGED) {
            return Optional.empty();
        }
        if (routedWithGatewayApi()) {
            return GatewayApiParser.parse(httpRoute().get(), hostRoutes(), versionServices(), versionDestinationRules(),
                    gatewayApiGateway, target);
        }
        return RoutingPlanParser.parse(virtualService, destinationRule, gateway, target);
    }

    /**
     * Whether the forms may write this service's routing: it has none yet, or it is managed and a
     * form can express it. Otherwise (unmanaged, or managed but beyond the forms) it is shown, not edited.
     */
    public boolean editable() {
        return routing() == RoutingState.NONE || livePlan().isPresent();
    }

    /** Managed routing no form can express (written by an older version, or edited by hand). */
    public boolean unexpressible() {
        return routing() == RoutingState.MANAGED && livePlan().isEmpty();
    }

    /** The live objects a person reads: routing objects and the bound Gateway, without server fields. */
    public List<HasMetadata> liveObjects() {
        return cachedObjects().stream().map(YamlRenderer::withoutServerFields).toList();
    }

    /** {@link #liveObjects()} as YAML, each object rendered once per resourceVersion. */
    public String liveYaml() {
        return YamlRenderer.renderLive(cachedObjects());
    }

    private List<HasMetadata> cachedObjects() {
        List<HasMetadata> out = new ArrayList<>();
        if (gateway != null) {
            out.add(gateway);
        }
        if (gatewayApiGateway != null) {
            out.add(gatewayApiGateway);
        }
        out.addAll(routingObjects);
        return out;
    }

    public RoutingState routing() {
        return summary.routing();
    }
}
