package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subdomain form's rules ("host h goes to version v") as HTTPRoutes of their own: an HTTPRoute
 * names its hosts for the whole route ({@code hostnames}) and no match names the authority, so each
 * such rule becomes a route with {@code hostnames: [h]}, the plan's Gateway as its only parent and one
 * rule without matches. A route with a hostname that matches exactly outranks one that matches by
 * wildcard or not at all ({@link HttpRoutePrecedence}), which is what Istio's first-match order gives
 * when these rules come first: so only a plan whose host rules lead, one host each (lower case, no
 * wildcard, no repeat), through a gateway whose hosts are the plan's, is split; and, with no rule left for the main route, only
 * without the mesh (mesh requests never carry those hosts, so Istio answers them 404, while a route
 * attached to the Service would take them).
 *
 * <p>The route of rule {@code i} carries the annotation {@value #RULE} = {@code i} (so the plan's order
 * reads back), the labels of the main route plus {@value #ROUTE_OF} = the service, and is named
 * {@code <service>.<host>} (a Service name has no dot, so no two services' routes collide); when the
 * host rules are all the plan has, rule 0's route is the main one, named after the service.
 */
public final class HostRoutes {

    public static final String RULE = "traffic-wizard.io/host-rule";
    public static final String ROUTE_OF = "traffic-wizard.io/route-of";

    private HostRoutes() {
    }

    /** The leading host rules' hosts, in plan order; empty when the plan is not split so. */
    static List<String> hosts(RoutingPlan plan) {
        List<String> hosts = new ArrayList<>();
        if (plan.gateway() == null || !plan.hosts().isEmpty()) {
            return hosts; // the subdomain form's hosts are its gateway's
        }
        for (Rule rule : plan.rules()) {
            String host = rule.match().size() == 1 ? host(rule.match().get(0)) : null;
            if (host == null || hosts.contains(host)) {
                break;
            }
            hosts.add(host);
        }
        for (int i = hosts.size(); i < plan.rules().size(); i++) {
            if (plan.rules().get(i).match().stream().anyMatch(m -> m.authority() != null)) {
                return List.of(); // a later rule per host would need the order Istio gives it
            }
        }
        if (hosts.stream().anyMatch(h -> name(plan.service(), h).length() > 253)) {
            return List.of(); // a route name is a DNS subdomain of at most 253 characters
        }
        boolean alone = hosts.size() == plan.rules().size();
        return alone && plan.gateway().includeMesh() ? List.of() : hosts;
    }

    private static String host(MatchCondition m) {
        boolean onlyAuthority = m.uri() == null && m.method() == null && m.headers().isEmpty()
                && m.queryParams().isEmpty() && m.authority() != null && m.authority().exact() != null;
        String host = onlyAuthority ? m.authority().exact() : null;
        return host != null && !host.startsWith("*") && RouteParents.isHostname(host) ? host : null;
    }

    static String name(String service, String host) {
        return service + "." + host;
    }

    /** The route of host rule {@code i}, named {@code name}. */
    static HTTPRoute build(RoutingPlan plan, int i, String name, TargetService target, Integer port, FormKind form,
                           List<Untranslatable> untranslatable) {
        Rule rule = plan.rules().get(i);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Managed.LABEL, Managed.VALUE);
        labels.put(ROUTE_OF, plan.service());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (form != null) {
            annotations.put(RoutingObjectBuilder.FORM_ANNOTATION, form.segment());
        }
        annotations.put(RULE, Integer.toString(i));
        return new HTTPRouteBuilder()
                .withNewMetadata().withName(name).withNamespace(plan.namespace()).withLabels(labels)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withParentRefs(RouteParents.gatewayParent(plan.gateway()))
                .withHostnames(host(rule.match().get(0)))
                .withRules(HttpRouteBuilder.rule(rule.withMatch(List.of()), "rules[" + i + "]", target, port,
                        null, untranslatable))
                .endSpec()
                .build();
    }

    /** The index a route says it holds, when it is a host rule's route. */
    static Optional<Integer> index(HTTPRoute route) {
        Map<String, String> annotations = route.getMetadata() == null ? null : route.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(RULE);
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return Optional.of(-1);
        }
    }

    /**
     * The host rules the routes hold, by index 0.. without gaps, or empty when one is not what
     * {@link #build} writes ({@code reader} reads its rule, and checks its parent).
     */
    static Optional<List<Rule>> parse(List<HTTPRoute> routes, String service,
                                      java.util.function.Function<HTTPRoute, Optional<Rule>> reader) {
        Map<Integer, Rule> byIndex = new java.util.TreeMap<>();
        Set<String> hosts = new HashSet<>();
        for (HTTPRoute route : routes) {
            int i = index(route).orElse(-1);
            List<String> hostnames = HttpRouteMatches.nullSafe(route.getSpec() == null ? null
                    : route.getSpec().getHostnames());
            if (i < 0 || hostnames.size() != 1 || !hosts.add(hostnames.get(0))
                    || HttpRouteMatches.nullSafe(route.getSpec().getRules()).size() != 1
                    || !HttpRouteMatches.nullSafe(route.getSpec().getRules().get(0).getMatches()).isEmpty()) {
                return Optional.empty();
            }
            String name = route.getMetadata().getName();
            if (!name.equals(service) && !name.equals(name(service, hostnames.get(0)))) {
                return Optional.empty();
            }
            Optional<Rule> rule = reader.apply(route);
            if (rule.isEmpty() || byIndex.put(i, rule.get().withMatch(List.of(new MatchCondition(null, null,
                    new dev.trafficwizard.routing.StringMatch(hostnames.get(0), null, null), null, null)))) != null) {
                return Optional.empty();
            }
        }
        List<Rule> rules = new ArrayList<>(byIndex.values());
        return byIndex.isEmpty() || byIndex.keySet().equals(indexes(rules.size())) ? Optional.of(rules)
                : Optional.empty();
    }

    private static Set<Integer> indexes(int n) {
        Set<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
