package dev.trafficwizard.istio;

import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads managed routing objects back into a plan, the inverse of {@link RoutingObjectBuilder}.
 * Empty when the objects hold something a plan cannot express (edited by hand since), so the
 * caller shows them read-only instead of silently dropping what it does not understand.
 */
public final class RoutingPlanParser {

    private RoutingPlanParser() {
    }

    public static Optional<RoutingPlan> parse(VirtualService vs, DestinationRule dr, TargetService target) {
        return parse(vs, dr, null, target);
    }

    /**
     * @param gateway the Gateway the VirtualService names, when Traffic Wizard created it (it is
     *                then part of the plan); null for an existing gateway or none
     */
    public static Optional<RoutingPlan> parse(VirtualService vs, DestinationRule dr, Gateway gateway,
                                              TargetService target) {
        if (vs == null || dr == null || vs.getSpec() == null || dr.getSpec() == null
                || !target.fqdn().equals(dr.getSpec().getHost()) || !isPlain(vs)) {
            return Optional.empty();
        }
        Map<String, String> versionBySubset = new HashMap<>();
        Map<String, TrafficPolicy> versionPolicies = new LinkedHashMap<>();
        for (Subset subset : nullSafe(dr.getSpec().getSubsets())) {
            String version = subset.getLabels() == null ? null : subset.getLabels().get(target.versionLabel());
            if (version == null || subset.getLabels().size() != 1
                    || StickyPolicies.fromIstio(subset.getTrafficPolicy()).isEmpty()) {
                return Optional.empty();
            }
            versionBySubset.put(subset.getName(), version);
            TrafficPolicy policy = TrafficPolicies.fromIstio(subset.getTrafficPolicy(), true);
            if (policy != null) {
                versionPolicies.put(version, policy);
            }
        }
        Optional<Optional<StickySession>> sticky = StickyPolicies.fromIstio(dr.getSpec().getTrafficPolicy());
        Optional<GatewayPlan> gatewayPlan = gatewayPlan(vs, gateway);
        if (sticky.isEmpty() || gatewayPlan == null) {
            return Optional.empty();
        }
        Optional<ParsedRules> rules = parseRules(vs.getSpec().getHttp(), versionBySubset, target);
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        StickySession stickySession = withPinCookie(sticky.get().orElse(null), rules.get().pinCookie());
        TrafficPolicy trafficPolicy = TrafficPolicies.fromIstio(dr.getSpec().getTrafficPolicy());
        RoutingPlan derived = new RoutingPlan(target.namespace(), target.name(), List.of(), gatewayPlan.orElse(null),
                rules.get().rules(), stickySession);
        // a policy of a subset no rule routes or mirrors to is not written again: not part of the plan
        versionPolicies.keySet().retainAll(derived.versionsRouted(target));
        derived = derived.withPolicies(trafficPolicy, versionPolicies);
        List<String> hosts = vs.getSpec().getHosts();
        return Optional.of(hosts.equals(EffectiveHosts.of(derived, target)) ? derived
                : new RoutingPlan(target.namespace(), target.name(), hosts, derived.gateway(), derived.rules(),
                stickySession, null, trafficPolicy, versionPolicies));
    }

    /** The form that wrote the VirtualService, when it says one this version knows. */
    public static Optional<FormKind> form(io.fabric8.kubernetes.api.model.HasMetadata routing) {
        if (routing == null || routing.getMetadata().getAnnotations() == null) {
            return Optional.empty();
        }
        return FormKind.of(routing.getMetadata().getAnnotations().get(RoutingObjectBuilder.FORM_ANNOTATION));
    }

    private static boolean isPlain(VirtualService vs) {
        var spec = vs.getSpec();
        return nullSafe(spec.getTcp()).isEmpty() && nullSafe(spec.getTls()).isEmpty()
                && nullSafe(spec.getExportTo()).isEmpty() && !nullSafe(spec.getHttp()).isEmpty()
                && !nullSafe(spec.getHosts()).isEmpty();
    }

    /** Empty Optional: mesh only; null: a gateway binding no plan can express. */
    private static Optional<GatewayPlan> gatewayPlan(VirtualService vs, Gateway gateway) {
        List<String> gateways = nullSafe(vs.getSpec().getGateways());
        if (gateways.isEmpty()) {
            return Optional.empty();
        }
        List<String> others = gateways.stream().filter(g -> !g.equals(RoutingObjectBuilder.MESH)).toList();
        boolean includeMesh = others.size() < gateways.size();
        if (others.size() != 1) {
            return others.isEmpty() ? Optional.empty() : null;
        }
        String name = others.get(0);
        if (gateway != null && Managed.isManaged(gateway) && name.equals(gateway.getMetadata().getName())
                && gateway.getMetadata().getNamespace().equals(vs.getMetadata().getNamespace())) {
            return Gateways.fromIstio(gateway, includeMesh).map(Optional::of).orElse(null);
        }
        return Optional.of(new GatewayPlan(name, false, List.of(), null, includeMesh, null));
    }

    private record ParsedRules(List<Rule> rules, String pinCookie) {
    }

    private static Optional<ParsedRules> parseRules(List<HTTPRoute> http, Map<String, String> versionBySubset,
                                                    TargetService target) {
        List<Rule> rules = new ArrayList<>();
        Map<String, String> pins = new LinkedHashMap<>();
        List<RouteResilience.Parts> pinParts = new ArrayList<>();
        String pinCookie = null;
        for (HTTPRoute route : http) {
            Optional<String[]> pin = pin(route, versionBySubset, target);
            Optional<RouteResilience.Parts> parts = RouteResilience.read(route, versionBySubset, target);
            if (pin.isPresent() && parts.isPresent() && (pinCookie == null || pinCookie.equals(pin.get()[0]))) {
                pinCookie = pin.get()[0];
                pins.put(pin.get()[1], pin.get()[0]);
                pinParts.add(parts.get());
                continue;
            }
            Optional<Rule> rule = parseRule(route, versionBySubset, target, pinCookie);
            if (rule.isEmpty()) {
                return Optional.empty();
            }
            rules.add(rule.get());
        }
        if (pinCookie != null) {
            Rule last = rules.isEmpty() ? null : rules.get(rules.size() - 1);
            List<String> split = last == null ? List.of() : last.route().stream()
                    .filter(d -> d.weight() != null && d.weight() > 0).map(WeightedDestination::version).toList();
            if (last == null || !last.catchAll() || !split.equals(List.copyOf(pins.keySet()))) {
                return Optional.empty();
            }
            // a pin is the catch-all split by cookie: it carries the same mirror, fault, retries…
            RouteResilience.Parts same = new RouteResilience.Parts(last.mirror(), last.fault(), last.timeout(),
                    last.retries(), last.headers());
            if (pinParts.stream().anyMatch(p -> !p.equals(same))) {
                return Optional.empty();
            }
        }
        return Optional.of(new ParsedRules(rules, pinCookie));
    }

    /** A version-pin rule: only a cookie regex match of ours, one destination, nothing else. */
    private static Optional<String[]> pin(HTTPRoute route, Map<String, String> versionBySubset, TargetService target) {
        if (nullSafe(route.getMatch()).size() != 1 || nullSafe(route.getRoute()).size() != 1 || hasExtras(route)) {
            return Optional.empty();
        }
        HTTPMatchRequest match = route.getMatch().get(0);
        HTTPRouteDestination d = route.getRoute().get(0);
        if (match.getHeaders() == null || match.getHeaders().size() != 1 || match.getUri() != null
                || match.getAuthority() != null || match.getMethod() != null || !Absent.is(match.getQueryParams())
                || !Absent.is(match.getWithoutHeaders()) || match.getPort() != null
                || !Absent.is(match.getSourceLabels())
                || !(match.getHeaders().get(VersionPins.COOKIE_HEADER) != null
                && match.getHeaders().get(VersionPins.COOKIE_HEADER).getMatchType() instanceof StringMatchRegex r)
                || !expectedHeaders(d, null, versionBySubset) || d.getDestination() == null
                || !target.fqdn().equals(d.getDestination().getHost())) {
            return Optional.empty();
        }
        StringMatchRegex regex = (StringMatchRegex) match.getHeaders().get(VersionPins.COOKIE_HEADER).getMatchType();
        return VersionPins.parse(regex.getRegex())
                .filter(p -> p[1].equals(versionBySubset.get(d.getDestination().getSubset())));
    }

    private static Optional<Rule> parseRule(HTTPRoute http, Map<String, String> versionBySubset, TargetService target,
                                            String pinCookie) {
        if (hasExtras(http)) {
            return Optional.empty();
        }
        List<MatchCondition> match = new ArrayList<>();
        for (HTTPMatchRequest m : nullSafe(http.getMatch())) {
            Optional<MatchCondition> parsed = Matches.fromIstio(m);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            match.add(parsed.get());
        }
        List<WeightedDestination> route = new ArrayList<>();
        for (HTTPRouteDestination d : nullSafe(http.getRoute())) {
            if (d.getDestination() == null || !target.fqdn().equals(d.getDestination().getHost())
                    || d.getDestination().getPort() != null || !expectedHeaders(d, pinCookie, versionBySubset)) {
                return Optional.empty();
            }
            String version = versionBySubset.get(d.getDestination().getSubset());
            if (version == null) {
                return Optional.empty();
            }
            route.add(new WeightedDestination(version, d.getWeight() == null ? 100 : d.getWeight()));
        }
        Optional<RouteResilience.Parts> parts = RouteResilience.read(http, versionBySubset, target);
        return route.isEmpty() || parts.isEmpty() ? Optional.empty()
                : Optional.of(parts.get().on(new Rule(match, route)));
    }

    /**
     * A destination's response Set-Cookie is the version pin's on the pinned split, and absent
     * elsewhere; other header operations (added by hand, kept on apply) do not matter.
     */
    private static boolean expectedHeaders(HTTPRouteDestination d, String pinCookie, Map<String, String> bySubset) {
        var response = d.getHeaders() == null ? null : d.getHeaders().getResponse();
        String setCookie = response == null || response.getAdd() == null ? null
                : response.getAdd().get(VersionPins.SET_COOKIE);
        if (pinCookie == null || d.getWeight() == null || d.getWeight() == 0) {
            return setCookie == null;
        }
        String version = bySubset.get(d.getDestination().getSubset());
        return version != null && VersionPins.setCookie(pinCookie, version).equals(setCookie);
    }

    /**
     * What makes a rule something else than "match, then route to versions": a redirect, a direct
     * response, a delegate or a rewrite. Retries, timeouts, faults, a mirror and header operations
     * are read into the plan ({@link RouteResilience}); the {@code mirrors} list, CORS and names are
     * not the plan's, but an apply keeps them ({@link StructuralMerge}).
     */
    private static boolean hasExtras(HTTPRoute http) {
        return http.getRedirect() != null || http.getRewrite() != null || http.getDirectResponse() != null
                || http.getDelegate() != null || !http.getAdditionalProperties().isEmpty();
    }

    private static StickySession withPinCookie(StickySession sticky, String pinCookie) {
        if (pinCookie == null) {
            return sticky;
        }
        return sticky == null ? new StickySession(null, null, null, null, pinCookie)
                : new StickySession(sticky.httpHeaderName(), sticky.httpCookie(), sticky.useSourceIp(),
                sticky.httpQueryParameterName(), pinCookie);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
