package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.Service;
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
 * Reads an HTTPRoute and its version Services back into a plan, the inverse of
 * {@link HttpRouteBuilder}. Empty when they hold something a form cannot express: another parent
 * than the service, hostnames, filters, timeouts, retries, session persistence, a backend that is
 * not one of the given version Services (by name {@code <service>-<version>} and selector) or on
 * another namespace, a match of a kind no plan writes.
 */
public final class HttpRouteParser {

    private HttpRouteParser() {
    }

    public static Optional<RoutingPlan> parse(HTTPRoute route, List<Service> versionServices, TargetService target) {
        if (route == null || route.getSpec() == null || !route.getAdditionalProperties().isEmpty()
                || !route.getSpec().getAdditionalProperties().isEmpty()
                || !nullSafe(route.getSpec().getHostnames()).isEmpty() || !isServiceParent(route, target)
                || nullSafe(route.getSpec().getRules()).isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> versionByService = versions(versionServices, target);
        List<Rule> rules = new ArrayList<>();
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            Optional<Rule> parsed = rule(rule, versionByService, target);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            rules.add(parsed.get());
        }
        return Optional.of(new RoutingPlan(target.namespace(), target.name(), List.of(), null, rules, null));
    }

    private static boolean isServiceParent(HTTPRoute route, TargetService target) {
        List<ParentReference> parents = nullSafe(route.getSpec().getParentRefs());
        if (parents.size() != 1) {
            return false;
        }
        ParentReference p = parents.get(0);
        return (p.getGroup() == null || p.getGroup().isEmpty()) && "Service".equals(p.getKind())
                && target.name().equals(p.getName()) && p.getSectionName() == null && p.getPort() == null
                && (p.getNamespace() == null || p.getNamespace().equals(target.namespace()));
    }

    /** Version by Service name, for the Services that are exactly what {@link VersionServices} writes. */
    private static Map<String, String> versions(List<Service> services, TargetService target) {
        Map<String, String> out = new HashMap<>();
        for (Service s : nullSafe(services)) {
            Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
            String version = selector == null ? null : selector.get(target.versionLabel());
            if (version != null && target.namespace().equals(s.getMetadata().getNamespace())
                    && (target.name() + "-" + version).equals(s.getMetadata().getName())) {
                out.put(s.getMetadata().getName(), version);
            }
        }
        return out;
    }

    private static Optional<Rule> rule(HTTPRouteRule rule, Map<String, String> versionByService,
                                       TargetService target) {
        if (!nullSafe(rule.getFilters()).isEmpty() || rule.getTimeouts() != null || rule.getRetry() != null
                || rule.getSessionPersistence() != null || !rule.getAdditionalProperties().isEmpty()) {
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
        for (HTTPBackendRef b : backends) {
            String version = versionByService.get(b.getName());
            boolean plain = (b.getGroup() == null || b.getGroup().isEmpty())
                    && (b.getKind() == null || "Service".equals(b.getKind()))
                    && (b.getNamespace() == null || b.getNamespace().equals(target.namespace()))
                    && nullSafe(b.getFilters()).isEmpty() && (port == null || port.equals(b.getPort()));
            if (version == null || !plain) {
                return Optional.empty();
            }
            port = b.getPort();
            // Gateway API's default weight is 1: with a lone backend it gets everything
            int weight = b.getWeight() == null ? (backends.size() == 1 ? 100 : 1) : b.getWeight();
            route.add(new WeightedDestination(version, weight));
        }
        return route.isEmpty() ? Optional.empty() : Optional.of(new Rule(matches, route));
    }
}
