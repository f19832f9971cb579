package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a mesh plan (no gateway) into one HTTPRoute named after the service: {@code parentRefs} is
 * the Service itself (GAMMA), rules in plan order, each rule's backends the version Services
 * ({@link VersionServices}) on the service's port with the plan's weights; the catch-all rule has
 * no matches. What has no Gateway API equivalent is listed in {@link Translation#untranslatable()}
 * and left out of the route: a route with such items routes differently from the plan (a match
 * part left out matches more), so callers must not apply it without saying so.
 *
 * <p>Gateway API does not take the first matching rule in list order (it orders rules by
 * precedence); this builder keeps plan order and does not account for that yet.
 */
public final class HttpRouteBuilder {

    private HttpRouteBuilder() {
    }

    public record Translation(HTTPRoute route, List<Untranslatable> untranslatable) {
        public Translation {
            untranslatable = List.copyOf(untranslatable);
        }
    }

    /**
     * @param port the service port the backends are reached on (a Service backendRef must have
     *             one, a CEL rule of the CRD); the version Services carry the same ports
     * @throws IllegalArgumentException when a version Service name is not a DNS-1035 label
     */
    public static Translation build(RoutingPlan plan, TargetService target, int port) {
        List<Untranslatable> untranslatable = new ArrayList<>();
        if (plan.gateway() != null) {
            untranslatable.add(new Untranslatable("gateway", "ingress through a Gateway API Gateway is not built yet"));
        }
        if (!plan.hosts().isEmpty()) {
            untranslatable.add(new Untranslatable("hosts",
                    "a mesh HTTPRoute attached to a Service routes that Service's traffic, not other hosts"));
        }
        if (plan.stickySession() != null) {
            untranslatable.add(new Untranslatable("stickySession", "Istio implements neither sessionPersistence"
                    + " (istio/istio#55839) nor consistent hashing for HTTPRoute backends (istio/istio#58708)"));
        }
        CrdLimits.check(plan, untranslatable);
        List<HTTPRouteRule> rules = new ArrayList<>();
        for (int i = 0; i < plan.rules().size(); i++) {
            rules.add(rule(plan.rules().get(i), "rules[" + i + "]", target, port, untranslatable));
        }
        HTTPRoute route = new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(plan.service())
                .withNamespace(plan.namespace())
                .withLabels(Map.of(Managed.LABEL, Managed.VALUE))
                .endMetadata()
                .withNewSpec()
                .withParentRefs(serviceParent(plan.service()))
                .withRules(rules)
                .endSpec()
                .build();
        return new Translation(route, untranslatable);
    }

    static ParentReference serviceParent(String service) {
        ParentReference parent = new ParentReference();
        parent.setGroup("");
        parent.setKind("Service");
        parent.setName(service);
        return parent;
    }

    private static HTTPRouteRule rule(Rule rule, String field, TargetService target, int port,
                                      List<Untranslatable> untranslatable) {
        List<HTTPRouteMatch> matches = new ArrayList<>();
        for (int j = 0; j < rule.match().size(); j++) {
            MatchCondition m = rule.match().get(j);
            matches.add(HttpRouteMatches.toGatewayApi(m, field + ".match[" + j + "]", untranslatable));
        }
        List<HTTPBackendRef> backends = new ArrayList<>();
        for (WeightedDestination d : rule.route()) {
            HTTPBackendRef backend = new HTTPBackendRef();
            backend.setName(VersionServices.name(target.name(), d.version()));
            backend.setPort(port);
            Integer weight = d.effectiveWeight(rule.route().size());
            backend.setWeight(weight == null ? 0 : weight);
            backends.add(backend);
        }
        HTTPRouteRule out = new HTTPRouteRule();
        out.setMatches(matches.isEmpty() ? null : matches);
        out.setBackendRefs(backends);
        return out;
    }
}
