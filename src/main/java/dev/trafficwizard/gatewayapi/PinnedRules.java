package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.VersionPins;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trafficwizard.gatewayapi.HttpRouteMatches.nullSafe;

/**
 * Reads the keep-version cookie back, rule by rule in route order, as {@link HttpRouteBuilder} writes
 * it: pin rules (only a {@code Cookie} RegularExpression of {@link VersionPins}, one backend without
 * weight or filters, all for one cookie, carrying the split's rule filters, timeouts and retry) right before the catch-all split they pin, whose backends
 * with traffic, in the pins' order, each set exactly that version's cookie. Anything else is not the
 * plan's.
 */
final class PinnedRules {

    private final Map<String, String> versionByService;
    private final TargetService target;
    private final List<String> pending = new ArrayList<>();
    private String cookie;
    /** The pin rules' filters, timeouts and retry: the split's, copied (all pins alike). */
    private List<Object> pinExtras;
    private boolean split;

    PinnedRules(Map<String, String> versionByService, TargetService target) {
        this.versionByService = versionByService;
        this.target = target;
    }

    /** The keep-version cookie the rules pin with; null when none. */
    String cookie() {
        return cookie;
    }

    boolean pending() {
        return !pending.isEmpty();
    }

    /** Whether every pin rule was followed by the split it pins. */
    boolean complete() {
        return pending.isEmpty() && (cookie == null || split);
    }

    /** Whether the rule is a pin rule; when it is, it is taken into account. */
    boolean isPin(HTTPRouteRule rule) {
        if (nullSafe(rule.getMatches()).size() != 1 || nullSafe(rule.getBackendRefs()).size() != 1
                || pinExtras != null && !pinExtras.equals(extras(rule))
                || rule.getSessionPersistence() != null || rule.getName() != null
                || !rule.getAdditionalProperties().isEmpty()) {
            return false;
        }
        HTTPRouteMatch match = rule.getMatches().get(0);
        HTTPBackendRef backend = rule.getBackendRefs().get(0);
        if (match.getPath() != null || match.getMethod() != null || !nullSafe(match.getQueryParams()).isEmpty()
                || nullSafe(match.getHeaders()).size() != 1 || !match.getAdditionalProperties().isEmpty()
                || backend.getWeight() != null || !nullSafe(backend.getFilters()).isEmpty() || !plain(backend, target)) {
            return false;
        }
        HTTPHeaderMatch header = match.getHeaders().get(0);
        if (!HttpRouteBuilder.COOKIE.equalsIgnoreCase(header.getName()) || !HttpRouteMatches.REGEX.equals(header.getType())
                || header.getValue() == null) {
            return false;
        }
        Optional<String[]> pin = VersionPins.parse(header.getValue());
        String version = versionByService.get(backend.getName());
        if (pin.isEmpty() || !pin.get()[1].equals(version) || cookie != null && !cookie.equals(pin.get()[0])
                || pending.contains(version)) {
            return false;
        }
        cookie = pin.get()[0];
        pinExtras = extras(rule);
        pending.add(version);
        return true;
    }

    /** Whether the rule is the split the pending pin rules pin, its backends setting their cookies. */
    boolean acceptSplit(Rule rule, HTTPRouteRule raw, List<HTTPBackendRef> backends) {
        if (cookie == null || !rule.catchAll() || !HttpRouteBuilder.splits(rule)
                || pinExtras != null && !pinExtras.equals(extras(raw))) {
            return false;
        }
        List<String> withTraffic = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            WeightedDestination d = rule.route().get(i);
            boolean traffic = HttpRouteBuilder.weight(d, rule) > 0;
            List<HTTPRouteFilter> filters = nullSafe(backends.get(i).getFilters());
            if (traffic) {
                withTraffic.add(d.version());
            }
            if (traffic ? !setsCookie(filters, d.version()) : !filters.isEmpty()) {
                return false;
            }
        }
        if (!withTraffic.equals(pending)) {
            return false;
        }
        pending.clear();
        split = true;
        return true;
    }

    private boolean setsCookie(List<HTTPRouteFilter> filters, String version) {
        if (filters.size() != 1) {
            return false;
        }
        HTTPRouteFilter f = filters.get(0);
        HTTPHeaderFilter response = f.getResponseHeaderModifier();
        return HttpRouteBuilder.RESPONSE_HEADER_MODIFIER.equals(f.getType()) && response != null
                && nullSafe(response.getSet()).isEmpty() && nullSafe(response.getRemove()).isEmpty()
                && List.of(new HTTPHeader(VersionPins.SET_COOKIE, VersionPins.setCookie(cookie, version)))
                .equals(response.getAdd());
    }

    private static List<Object> extras(HTTPRouteRule rule) {
        return java.util.Arrays.asList(nullSafe(rule.getFilters()), rule.getTimeouts(), rule.getRetry());
    }

    /** A backend that is a Service of the route's namespace (filters are checked by the caller). */
    static boolean plain(HTTPBackendRef b, TargetService target) {
        return (b.getGroup() == null || b.getGroup().isEmpty()) && (b.getKind() == null || "Service".equals(b.getKind()))
                && (b.getNamespace() == null || b.getNamespace().equals(target.namespace()))
                && b.getAdditionalProperties().isEmpty();
    }
}
