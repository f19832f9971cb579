package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.VersionPins;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a plan into one HTTPRoute named after the service, labelled as managed and annotated with
 * the form that made it (the Istio builder's {@code traffic-wizard.io/form}): parents and hostnames
 * from {@link RouteParents}; rules in plan order, each rule's backends the version Services
 * ({@link VersionServices}) on the service's port with the plan's weights (a lone backend of weight
 * 100 without one); the catch-all rule has no matches. The keep-version cookie
 * ({@code stickySession.keepVersionCookie}) becomes what {@link VersionPins} makes for Istio: before a
 * catch-all rule that splits, one rule per version that matches the {@code Cookie} header holding
 * {@code <cookie>=<version>} as a whole cookie, and on the split each backend a
 * {@code ResponseHeaderModifier} adding {@code Set-Cookie: <cookie>=<version>; Path=/} (Istio turns
 * a backend's filter into that destination's {@code headers.response.add}, what the Istio builder
 * writes). Each rule's mirror, timeouts, retry and header changes are {@link RuleFilters}' (rule-level
 * header filters, so they combine with the backends' Set-Cookie; the pin rules carry their split's).
 *
 * <p>What has no Gateway API equivalent is listed as {@link Untranslatable} and left out of the
 * route: a route with such items routes differently from the plan (a match part left out matches
 * more), so callers must not apply it without saying so. The route keeps plan order; the Gateway API
 * orders rules by precedence, which {@link PrecedenceOrder} compares with Istio's first match.
 */
public final class HttpRouteBuilder {

    static final String COOKIE = "Cookie";
    static final String RESPONSE_HEADER_MODIFIER = "ResponseHeaderModifier";
    static final String PIN_FIELD = "stickySession.keepVersionCookie";

    private HttpRouteBuilder() {
    }

    public record Translation(HTTPRoute route, List<Untranslatable> untranslatable) {
        public Translation {
            untranslatable = List.copyOf(untranslatable);
        }
    }

    /**
     * The route alone (no version Services, Gateway or notes on differences): see
     * {@link GatewayApiTranslator#translate} for everything.
     *
     * @param port the service port the backends are reached on (a Service backendRef must have
     *             one, a CEL rule of the CRD); the version Services carry the same ports
     * @throws IllegalArgumentException when a version Service name is not a DNS-1035 label
     */
    public static Translation build(RoutingPlan plan, TargetService target, int port) {
        List<Untranslatable> untranslatable = new ArrayList<>();
        HTTPRoute route = build(plan, target, port, null, untranslatable, new ArrayList<>());
        return new Translation(route, untranslatable);
    }

    static HTTPRoute build(RoutingPlan plan, TargetService target, Integer port, FormKind form,
                           List<Untranslatable> untranslatable, List<String> ruleFields) {
        return build(plan, 0, target, port, form, untranslatable, ruleFields);
    }

    /** The route of the plan's rules from index {@code from} on (the earlier ones are {@link HostRoutes}). */
    static HTTPRoute build(RoutingPlan plan, int from, TargetService target, Integer port, FormKind form,
                           List<Untranslatable> untranslatable, List<String> ruleFields) {
        RouteParents.Attachment attachment = RouteParents.of(plan, target, untranslatable);
        StickyTranslation.check(plan.stickySession(), untranslatable);
        CrdLimits.check(plan, untranslatable);
        String pinCookie = plan.stickySession() != null && plan.stickySession().pinsVersions()
                ? plan.stickySession().keepVersionCookie() : null;
        List<HTTPRouteRule> rules = new ArrayList<>();
        for (int i = from; i < plan.rules().size(); i++) {
            Rule rule = plan.rules().get(i);
            boolean pinned = pinCookie != null && rule.catchAll() && splits(rule);
            if (pinned) {
                for (WeightedDestination d : rule.route()) {
                    if (weight(d, rule) > 0) {
                        HTTPRouteRule pin = pinRule(pinCookie, d.version(), target, port);
                        // a pinned request gets the split rule's mirror, timeouts, retries and headers too
                        RuleFilters.apply(rule, "rules[" + i + "]", target, port, pin, new ArrayList<>());
                        rules.add(pin);
                        ruleFields.add(PIN_FIELD);
                    }
                }
            }
            rules.add(rule(rule, "rules[" + i + "]", target, port, pinned ? pinCookie : null, untranslatable));
            ruleFields.add("rules[" + i + "]");
        }
        return new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(plan.service())
                .withNamespace(plan.namespace())
                .withLabels(Map.of(Managed.LABEL, Managed.VALUE))
                .withAnnotations(form == null ? null : Map.of(RoutingObjectBuilder.FORM_ANNOTATION, form.segment()))
                .endMetadata()
                .withNewSpec()
                .withParentRefs(attachment.parents())
                .withHostnames(attachment.hostnames().isEmpty() ? null : attachment.hostnames())
                .withRules(rules)
                .endSpec()
                .build();
    }

    static HTTPRouteRule rule(Rule rule, String field, TargetService target, Integer port, String pinCookie,
                                      List<Untranslatable> untranslatable) {
        List<HTTPRouteMatch> matches = new ArrayList<>();
        for (int j = 0; j < rule.match().size(); j++) {
            MatchCondition m = rule.match().get(j);
            matches.add(HttpRouteMatches.toGatewayApi(m, field + ".match[" + j + "]", untranslatable));
        }
        List<HTTPBackendRef> backends = new ArrayList<>();
        for (WeightedDestination d : rule.route()) {
            HTTPBackendRef backend = backend(target, d.version(), port);
            int weight = weight(d, rule);
            backend.setWeight(rule.route().size() == 1 && weight == 100 ? null : weight);
            if (pinCookie != null && weight > 0) {
                HTTPRouteFilter setCookie = new HTTPRouteFilter();
                setCookie.setType(RESPONSE_HEADER_MODIFIER);
                setCookie.setResponseHeaderModifier(new HTTPHeaderFilter(List.of(new HTTPHeader(VersionPins.SET_COOKIE,
                        VersionPins.setCookie(pinCookie, d.version()))), null, null));
                backend.setFilters(List.of(setCookie));
            }
            backends.add(backend);
        }
        HTTPRouteRule out = new HTTPRouteRule();
        out.setMatches(matches.isEmpty() ? null : matches);
        out.setBackendRefs(backends);
        RuleFilters.apply(rule, field, target, port, out, untranslatable);
        return out;
    }

    /** A version-pin rule: the Cookie header holds {@code cookie=version}; to that version only. */
    private static HTTPRouteRule pinRule(String cookie, String version, TargetService target, Integer port) {
        HTTPRouteMatch match = new HTTPRouteMatch();
        match.setHeaders(List.of(new HTTPHeaderMatch(COOKIE, HttpRouteMatches.REGEX,
                VersionPins.cookieRegex(cookie, version))));
        HTTPRouteRule out = new HTTPRouteRule();
        out.setMatches(List.of(match));
        out.setBackendRefs(List.of(backend(target, version, port)));
        return out;
    }

    private static HTTPBackendRef backend(TargetService target, String version, Integer port) {
        HTTPBackendRef backend = new HTTPBackendRef();
        backend.setName(VersionServices.name(target.name(), version));
        backend.setPort(port);
        return backend;
    }

    static boolean splits(Rule rule) {
        return rule.route().stream().filter(d -> weight(d, rule) > 0).count() > 1;
    }

    static int weight(WeightedDestination d, Rule rule) {
        Integer weight = d.effectiveWeight(rule.route().size());
        return weight == null ? 0 : weight;
    }
}
