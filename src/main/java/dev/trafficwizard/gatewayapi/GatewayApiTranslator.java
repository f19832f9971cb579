package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan, of any form, to Gateway API objects, beside {@code istio.RoutingObjectBuilder}: one Service
 * per version the plan routes to ({@link VersionServices}), the HTTPRoute ({@link HttpRouteBuilder},
 * attached by {@link RouteParents}; the subdomain form's rules per host as routes of their own,
 * {@link HostRoutes}; each rule's mirror, timeouts, retry and header filters, {@link RuleFilters}), one
 * Istio DestinationRule per version Service with a traffic policy ({@link VersionPolicies}), and, when the plan creates its gateway, the Gateway and perhaps a
 * ReferenceGrant ({@link IngressGateways}). What does not translate is listed as {@link Untranslatable}
 * (the CRD's count limits included, {@link CrdLimits}); what translates but routes otherwise than
 * Istio as {@link Difference} ({@link SegmentPrefixes}; rule order is {@link PrecedenceOrder}'s). {@link GatewayApiParser} reads the objects back.
 */
public final class GatewayApiTranslator {

    private GatewayApiTranslator() {
    }

    /**
     * @param serviceSelector the service's selector, which each version Service narrows by the version label
     * @param servicePorts    the service's ports, copied to each version Service; the backends use the
     *                        first named {@code http} or {@code http-…}, else the first
     * @param form            the form that made the plan, recorded on the route so it reopens there; null for none
     * @throws IllegalArgumentException when a version Service name is not a DNS-1035 label
     */
    public static GatewayApiObjects translate(RoutingPlan plan, TargetService target,
                                              Map<String, String> serviceSelector, List<ServicePort> servicePorts,
                                              FormKind form) {
        List<Untranslatable> untranslatable = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        Integer port = backendPort(servicePorts);
        if (port == null) {
            untranslatable.add(new Untranslatable("service", "the service has no port for the HTTPRoute's backends"));
        }
        IngressGateways.Ingress ingress = plan.gateway() != null && plan.gateway().create()
                ? IngressGateways.build(plan.gateway(), plan.namespace(), untranslatable)
                : new IngressGateways.Ingress(null, null);
        List<String> hosts = HostRoutes.hosts(plan);
        List<HTTPRoute> hostRoutes = new ArrayList<>();
        HTTPRoute route;
        if (!hosts.isEmpty() && hosts.size() == plan.rules().size()) {
            route = HostRoutes.build(plan, 0, plan.service(), target, port, form, untranslatable);
            StickyTranslation.check(plan.stickySession(), untranslatable);
            CrdLimits.check(plan, untranslatable);
        } else {
            List<String> ruleFields = new ArrayList<>();
            route = HttpRouteBuilder.build(plan, hosts.size(), target, port, form, untranslatable, ruleFields);
            SegmentPrefixes.compare(plan, differences);
            if (route.getSpec().getHostnames() != null && !hosts.isEmpty()) {
                // a host with a route of its own is that route's alone (an exact hostname would tie)
                List<String> rest = route.getSpec().getHostnames().stream().filter(h -> !hosts.contains(h)).toList();
                route.getSpec().setHostnames(rest.isEmpty() ? null : rest);
            }
        }
        for (int i = HostRoutes.index(route).isPresent() ? 1 : 0; i < hosts.size(); i++) {
            hostRoutes.add(HostRoutes.build(plan, i, HostRoutes.name(plan.service(), hosts.get(i)), target, port, form,
                    untranslatable));
        }
        List<Service> services = VersionServices.build(target, plan.versionsRouted(target), serviceSelector,
                servicePorts);
        List<Difference> experimental = new ArrayList<>();
        RuleFilters.notes(plan.rules(), differences, experimental);
        var policies = VersionPolicies.build(plan, target, plan.versionsRouted(target), untranslatable);
        return new GatewayApiObjects(services, ingress.gateway(), ingress.referenceGrant(), route, untranslatable,
                differences, hostRoutes, policies, experimental);
    }

    static Integer backendPort(List<ServicePort> ports) {
        if (ports == null || ports.isEmpty()) {
            return null;
        }
        return ports.stream().filter(p -> p.getName() != null && (p.getName().toLowerCase(Locale.ROOT).equals("http")
                        || p.getName().toLowerCase(Locale.ROOT).startsWith("http-")))
                .findFirst().orElse(ports.get(0)).getPort();
    }
}
