package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.VersionPins;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trafficwizard.gatewayapi.HttpRouteMatches.nullSafe;

/**
 * Reads an HTTPRoute, its version Services and the Gateway it attaches to back into a plan (api
 * {@code gateway-api}), the inverse of {@link GatewayApiTranslator}. Empty when they hold something a
 * form cannot express: other parents than the service and one Gateway, rule filters, timeouts and
 * retries other than {@link RuleFilters}' ({@link RuleFiltersParser}), session persistence, a backend that is not one of the given version Services (by name
 * {@code <service>-<version>} and selector) or carries filters other than the keep-version cookie's,
 * a match of a kind no plan writes, a managed Gateway changed by hand, hostnames on a mesh route.
 * {@link PinnedRules} reads the keep-version cookie's rules; a keep-version cookie that pins no split
 * (no catch-all rule splits traffic) is written as nothing, as for Istio, and so reads back absent.
 * Hostnames other than those the plan's gateway implies read back as the plan's {@code hosts} (so an
 * existing gateway's hosts come back there: the same hostnames either way).
 */
public final class GatewayApiParser {

    private GatewayApiParser() {
    }

    /**
     * @param gateway the Gateway the route attaches to when Traffic Wizard created it (it is then part
     *                of the plan); null for an existing Gateway or none
     */
    public static Optional<RoutingPlan> parse(HTTPRoute route, List<Service> versionServices, Gateway gateway,
                                              TargetService target) {
        return parse(route, List.of(), versionServices, gateway, target);
    }

    /**
     * The plan of a route and the routes of its host rules ({@link GatewayApiObjects#hostRoutes()}, those
     * labelled {@code traffic-wizard.io/route-of: <service>}; in any order).
     */
    public static Optional<RoutingPlan> parse(HTTPRoute route, List<HTTPRoute> hostRoutes,
                                              List<Service> versionServices, Gateway gateway, TargetService target) {
        return parse(route, hostRoutes, versionServices, List.of(), gateway, target);
    }

    /**
     * The plan with the traffic policies its version Services' managed DestinationRules say
     * ({@link VersionPolicies}); empty when one holds what no plan writes.
     */
    public static Optional<RoutingPlan> parse(HTTPRoute route, List<HTTPRoute> hostRoutes,
                                              List<Service> versionServices, List<DestinationRule> versionRules,
                                              Gateway gateway, TargetService target) {
        Optional<RoutingPlan> plan = routing(route, hostRoutes, versionServices, gateway, target);
        if (plan.isEmpty() || versionRules.isEmpty()) {
            return plan;
        }
        return VersionPolicies.parse(versionRules, plan.get().versionsRouted(target), target)
                .map(p -> plan.get().withPolicies(p.trafficPolicy(), p.versionPolicies()));
    }

    private static Optional<RoutingPlan> routing(HTTPRoute route, List<HTTPRoute> hostRoutes,
                                                 List<Service> versionServices, Gateway gateway, TargetService target) {
        if (!plain(route) || !hostRoutes.stream().allMatch(GatewayApiParser::plain)) {
            return Optional.empty();
        }
        Optional<Optional<GatewayPlan>> parents = parents(route, gateway, target);
        if (parents.isEmpty() || parents.get().isEmpty() && !hostRoutes.isEmpty()) {
            return Optional.empty();
        }
        GatewayPlan gatewayPlan = parents.get().orElse(null);
        Map<String, String> versionByService = versions(versionServices, target);
        boolean onlyHosts = HostRoutes.index(route).isPresent();
        List<HTTPRoute> hostRuleRoutes = new ArrayList<>(hostRoutes);
        if (onlyHosts) {
            hostRuleRoutes.add(0, route);
        }
        Optional<List<Rule>> hostRules = hostRuleRoutes.isEmpty() ? Optional.of(List.of())
                : HostRoutes.parse(hostRuleRoutes, target.name(), r -> hostRule(r, gatewayPlan, versionByService,
                target));
        if (hostRules.isEmpty() || onlyHosts && (gatewayPlan == null || gatewayPlan.includeMesh())) {
            return Optional.empty();
        }
        List<Rule> rules = new ArrayList<>(hostRules.get());
        if (onlyHosts) {
            return Optional.of(new RoutingPlan(target.namespace(), target.name(), List.of(), gatewayPlan, rules, null,
                    RoutingApi.GATEWAY_API.value()));
        }
        PinnedRules pinned = new PinnedRules(versionByService, target);
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            if (pinned.isPin(rule)) {
                continue;
            }
            Optional<Rule> parsed = rule(rule, versionByService, target, pinned);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            rules.add(parsed.get());
        }
        if (!pinned.complete()) {
            return Optional.empty();
        }
        StickySession sticky = pinned.cookie() == null ? null
                : new StickySession(null, null, null, null, pinned.cookie());
        List<String> hostnames = nullSafe(route.getSpec().getHostnames());
        RoutingPlan derived = new RoutingPlan(target.namespace(), target.name(), List.of(), gatewayPlan, rules, sticky,
                RoutingApi.GATEWAY_API.value());
        if (gatewayPlan == null) {
            return hostnames.isEmpty() ? Optional.of(derived) : Optional.empty();
        }
        List<String> expected = new ArrayList<>(RouteParents.hostnames(derived, target, new ArrayList<>()));
        expected.removeAll(HostRoutes.hosts(derived));
        if (hostnames.equals(expected)) {
            return Optional.of(derived);
        }
        return Optional.of(new RoutingPlan(target.namespace(), target.name(),
                hostnames.isEmpty() ? List.of("*") : hostnames, gatewayPlan, rules, sticky,
                RoutingApi.GATEWAY_API.value()));
    }

    private static boolean plain(HTTPRoute route) {
        return route != null && route.getSpec() != null && route.getAdditionalProperties().isEmpty()
                && route.getSpec().getAdditionalProperties().isEmpty() && route.getSpec().getUseDefaultGateways() == null
                && !nullSafe(route.getSpec().getRules()).isEmpty();
    }

    /** A host rule's route: the plan's Gateway its only parent, its one rule read as any other. */
    private static Optional<Rule> hostRule(HTTPRoute route, GatewayPlan gateway, Map<String, String> versionByService,
                                           TargetService target) {
        if (!List.of(RouteParents.gatewayParent(gateway)).equals(route.getSpec().getParentRefs())) {
            return Optional.empty();
        }
        return rule(route.getSpec().getRules().get(0), versionByService, target,
                new PinnedRules(versionByService, target));
    }

    /** The form that wrote the route, when it says one this version knows. */
    public static Optional<FormKind> form(HTTPRoute route) {
        if (route == null || route.getMetadata() == null || route.getMetadata().getAnnotations() == null) {
            return Optional.empty();
        }
        return FormKind.of(route.getMetadata().getAnnotations().get(RoutingObjectBuilder.FORM_ANNOTATION));
    }

    /** Empty: parents no plan writes; empty inside: mesh only; else the gateway (with the mesh or not). */
    private static Optional<Optional<GatewayPlan>> parents(HTTPRoute route, Gateway gateway, TargetService target) {
        List<ParentReference> parents = nullSafe(route.getSpec().getParentRefs());
        List<ParentReference> services = parents.stream().filter(p -> isService(p, target)).toList();
        List<ParentReference> gateways = parents.stream().filter(GatewayApiParser::isGateway).toList();
        if (services.size() > 1 || gateways.size() > 1 || services.size() + gateways.size() != parents.size()
                || parents.isEmpty()) {
            return Optional.empty();
        }
        if (gateways.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        ParentReference ref = gateways.get(0);
        boolean includeMesh = !services.isEmpty();
        boolean ours = gateway != null && Managed.isManaged(gateway) && gateway.getMetadata() != null
                && ref.getName().equals(gateway.getMetadata().getName()) && ref.getNamespace() == null;
        if (ours) {
            return IngressGateways.parse(gateway, target.namespace(), includeMesh).map(Optional::of);
        }
        String name = ref.getNamespace() == null ? ref.getName() : ref.getNamespace() + "/" + ref.getName();
        return Optional.of(Optional.of(new GatewayPlan(name, false, List.of(), null, includeMesh, null)));
    }

    private static boolean isService(ParentReference p, TargetService target) {
        return "".equals(p.getGroup()) && "Service".equals(p.getKind()) && target.name().equals(p.getName())
                && p.getSectionName() == null && p.getPort() == null
                && (p.getNamespace() == null || p.getNamespace().equals(target.namespace()))
                && p.getAdditionalProperties().isEmpty();
    }

    private static boolean isGateway(ParentReference p) {
        return (p.getGroup() == null || RouteParents.GATEWAY_GROUP.equals(p.getGroup()))
                && (p.getKind() == null || "Gateway".equals(p.getKind())) && p.getName() != null
                && p.getSectionName() == null && p.getPort() == null && p.getAdditionalProperties().isEmpty();
    }

    /** Version by Service name, for the Services that are exactly what {@link VersionServices} writes. */
    static Map<String, String> versions(List<Service> services, TargetService target) {
        Map<String, String> out = new HashMap<>();
        for (Service s : nullSafe(services)) {
            Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
            String version = selector == null ? null : selector.get(target.versionLabel());
            if (version != null && s.getMetadata() != null && target.namespace().equals(s.getMetadata().getNamespace())
                    && (target.name() + "-" + version).equals(s.getMetadata().getName())) {
                out.put(s.getMetadata().getName(), version);
            }
        }
        return out;
    }

    private static Optional<Rule> rule(HTTPRouteRule rule, Map<String, String> versionByService, TargetService target,
                                       PinnedRules pinned) {
        if (rule.getSessionPersistence() != null || rule.getName() != null
                || !rule.getAdditionalProperties().isEmpty()) {
            return Optional.empty();
        }
        Optional<RuleFiltersParser.Extras> extras = RuleFiltersParser.parse(rule, versionByService, target);
        if (extras.isEmpty()) {
            return Optional.empty();
        }
        List<MatchCondition> matches = new ArrayList<>();
        for (HTTPRouteMatch m : nullSafe(rule.getMatches())) {
            Optional<MatchCondition> parsed = HttpRouteMatches.fromGatewayApi(m);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            matches.add(parsed.get());
        }
        List<WeightedDestination> route = new ArrayList<>();
        List<HTTPBackendRef> backends = nullSafe(rule.getBackendRefs());
        Integer port = null;
        boolean setsCookies = backends.stream().anyMatch(b -> !nullSafe(b.getFilters()).isEmpty());
        for (HTTPBackendRef b : backends) {
            String version = versionByService.get(b.getName());
            if (version == null || !PinnedRules.plain(b, target) || port != null && !port.equals(b.getPort())) {
                return Optional.empty();
            }
            port = b.getPort();
            // Gateway API's default weight is 1: with a lone backend it gets everything
            int weight = b.getWeight() == null ? (backends.size() == 1 ? 100 : 1) : b.getWeight();
            route.add(new WeightedDestination(version, weight));
        }
        if (route.isEmpty()) {
            return Optional.empty();
        }
        RuleFiltersParser.Extras x = extras.get();
        Rule parsed = new Rule(matches, route, x.mirror(), null, x.timeout(), x.retries(), x.headers());
        if ((setsCookies || pinned.pending()) && !pinned.acceptSplit(parsed, rule, backends)) {
            return Optional.empty();
        }
        return Optional.of(parsed);
    }
}
