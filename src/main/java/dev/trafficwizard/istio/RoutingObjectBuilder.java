package dev.trafficwizard.istio;

import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.SubsetNames;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Headers;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.SubsetBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated plan into Istio objects: a DestinationRule (one subset per version routed or
 * mirrored, selected by the service's version label, with the version's policy; the service's
 * traffic policy, consistent hashing for sticky sessions), a VirtualService (rules in plan order,
 * destinations by FQDN and subset, integer weights, each rule's mirror, fault, timeout, retries
 * and header changes), and the
 * ingress Gateway when the plan creates one. All carry the managed-by label; the VirtualService
 * also records which form made it, so it reopens there.
 */
public final class RoutingObjectBuilder {

    public static final String FORM_ANNOTATION = "traffic-wizard.io/form";
    public static final String MESH = "mesh";

    private RoutingObjectBuilder() {
    }

    public static RoutingObjects build(RoutingPlan plan, TargetService target) {
        return build(plan, target, null);
    }

    public static RoutingObjects build(RoutingPlan plan, TargetService target, FormKind form) {
        GatewayPlan gateway = plan.gateway();
        Gateway gatewayObject = gateway != null && gateway.create()
                ? Gateways.toIstio(gateway, metadata(gateway.name(), plan.namespace(), null)) : null;
        return new RoutingObjects(destinationRule(plan, target), virtualService(plan, target, form), gatewayObject);
    }

    static DestinationRule destinationRule(RoutingPlan plan, TargetService target) {
        List<Subset> subsets = new ArrayList<>();
        Map<String, String> names = SubsetNames.of(plan, target);
        for (String version : plan.versionsRouted(target)) {
            TrafficPolicy policy = plan.versionPolicies().get(version);
            subsets.add(new SubsetBuilder()
                    .withName(names.get(version))
                    .withLabels(Map.of(target.versionLabel(), version))
                    .withTrafficPolicy(policy == null || policy.setsNothing() ? null : TrafficPolicies.toIstio(policy,
                            policy.loadBalancer() == null ? null : policy.loadBalancer().consistentHash()))
                    .build());
        }
        return new DestinationRuleBuilder()
                .withMetadata(metadata(plan.service(), plan.namespace(), null))
                .withNewSpec()
                .withHost(target.fqdn())
                .withSubsets(subsets)
                .withTrafficPolicy(TrafficPolicies.toIstio(plan.trafficPolicy(), plan.sticky()))
                .endSpec()
                .build();
    }

    static VirtualService virtualService(RoutingPlan plan, TargetService target, FormKind form) {
        String pinCookie = plan.stickySession() != null && plan.stickySession().pinsVersions()
                ? plan.stickySession().keepVersionCookie() : null;
        List<HTTPRoute> http = new ArrayList<>();
        Map<String, String> subsets = SubsetNames.of(plan, target);
        for (Rule rule : plan.rules()) {
            boolean pinned = pinCookie != null && rule.catchAll() && splits(rule);
            if (pinned) {
                rule.route().stream().filter(d -> weight(d, rule) > 0)
                        .forEach(d -> http.add(pinRoute(rule, pinCookie, d.version(), target, subsets)));
            }
            http.add(route(rule, target, pinned ? pinCookie : null, subsets));
        }
        List<String> gateways = new ArrayList<>();
        if (plan.gateway() != null) {
            gateways.add(plan.gateway().name());
            if (plan.gateway().includeMesh()) {
                gateways.add(MESH);
            }
        }
        return new VirtualServiceBuilder()
                .withMetadata(metadata(plan.service(), plan.namespace(), form))
                .withNewSpec()
                .withHosts(EffectiveHosts.of(plan, target))
                .withGateways(gateways.isEmpty() ? null : gateways)
                .withHttp(http)
                .endSpec()
                .build();
    }

    private static HTTPRoute route(Rule rule, TargetService target, String pinCookie,
                                   Map<String, String> subsets) {
        List<HTTPRouteDestination> route = new ArrayList<>();
        for (WeightedDestination d : rule.route()) {
            HTTPRouteDestination destination = new HTTPRouteDestination();
            destination.setDestination(destination(target, subsets.get(d.version())));
            destination.setWeight(rule.route().size() == 1 && weight(d, rule) == 100 ? null : weight(d, rule));
            if (pinCookie != null) {
                destination.setHeaders(new Headers(null, new HeadersHeaderOperations(
                        Map.of(VersionPins.SET_COOKIE, VersionPins.setCookie(pinCookie, d.version())), null, null)));
            }
            route.add(destination);
        }
        HTTPRoute http = new HTTPRoute();
        if (!rule.catchAll()) {
            http.setMatch(rule.match().stream().map(Matches::toIstio).toList());
        }
        http.setRoute(route);
        RouteResilience.write(rule, http, target, subsets);
        return http;
    }

    /**
     * A version pin is the pinned rule split by cookie: it carries the rule's mirror, fault,
     * timeout, retries and header changes too, so pinned users get the same treatment.
     */
    private static HTTPRoute pinRoute(Rule rule, String cookie, String version, TargetService target,
                                      Map<String, String> subsets) {
        HTTPMatchRequest match = new HTTPMatchRequest();
        match.setHeaders(Map.of(VersionPins.COOKIE_HEADER,
                new StringMatch(new StringMatchRegex(VersionPins.cookieRegex(cookie, version)))));
        HTTPRouteDestination destination = new HTTPRouteDestination();
        destination.setDestination(destination(target, subsets.get(version)));
        HTTPRoute http = new HTTPRoute();
        http.setMatch(List.of(match));
        http.setRoute(List.of(destination));
        RouteResilience.write(rule, http, target, subsets);
        return http;
    }

    private static Destination destination(TargetService target, String subset) {
        Destination destination = new Destination();
        destination.setHost(target.fqdn());
        destination.setSubset(subset);
        return destination;
    }

    private static boolean splits(Rule rule) {
        return rule.route().stream().filter(d -> weight(d, rule) > 0).count() > 1;
    }

    private static int weight(WeightedDestination d, Rule rule) {
        Integer weight = PlanValidator.effectiveWeight(d, rule.route().size());
        return weight == null ? 0 : weight;
    }

    private static ObjectMeta metadata(String name, String namespace, FormKind form) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of(Managed.LABEL, Managed.VALUE))
                .withAnnotations(form == null ? null : Map.of(FORM_ANNOTATION, form.segment()))
                .build();
    }

}
