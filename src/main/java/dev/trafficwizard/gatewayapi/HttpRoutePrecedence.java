package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which HTTPRoute match serves a request, among the routes attached to one parent (a Service for mesh
 * traffic, or a Gateway listener): the Gateway API does not take the first matching rule in list order.
 * Across all routes it prefers, continuing on ties:
 * <ol>
 * <li>the route whose hostnames match the host most specifically (characters of a matching non-wildcard
 * hostname, then characters of a matching hostname; a route without hostnames matches any host, least);</li>
 * <li>an Exact path, then PathPrefix with the most characters (a trailing slash not counted, as Istio trims
 * it), then RegularExpression (implementation specific: Istio ranks it after every prefix, even "/", the
 * longer regex first);</li>
 * <li>a method match; the most header matches; the most query param matches;</li>
 * <li>the oldest route (creationTimestamp; a route without one counts as newest), then "{namespace}/{name}"
 * in alphabetical order;</li>
 * <li>within a route, the first rule, then the first match of that rule.</li>
 * </ol>
 * A rule without matches matches every request (as PathPrefix "/" would) but ranks after every match, as
 * Istio orders it (its sortHTTPRoutes puts a generated rule without match last, after regular expressions and
 * after an explicit PathPrefix "/" of a newer route); among such rules the oldest route, then position, wins.
 * No match means the parent answers 404. The caller decides which routes are attached to the parent;
 * hostnames are not intersected with a listener's here. When no match of the routes with the most specific
 * hostname fits, {@link #resolve} goes on to routes with less specific ones; Istio does not (it builds one
 * virtual host per hostname), and {@link GatewayApiModel} follows Istio.
 */
public final class HttpRoutePrecedence {

    /** One (route, rule, match) triple and what orders it. Exposed for the simulator and tests. */
    public record Candidate(HTTPRoute route, int ruleIndex, int matchIndex, HTTPRouteMatch match, long hostScore) {
    }

    static final Comparator<Candidate> ORDER = Comparator
            .comparingLong((Candidate c) -> -c.hostScore())
            .thenComparingInt(c -> withoutMatches(c) ? 1 : 0)
            .thenComparingInt(c -> -pathRank(c.match()))
            .thenComparingInt(c -> -pathLength(c.match()))
            .thenComparingInt(c -> c.match().getMethod() == null ? 1 : 0)
            .thenComparingInt(c -> -HttpRouteMatching.effectiveHeaders(c.match()).size())
            .thenComparingInt(c -> -HttpRouteMatching.effectiveQueryParams(c.match()).size())
            .thenComparing(c -> created(c.route()), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(c -> key(c.route()))
            .thenComparingInt(Candidate::ruleIndex)
            .thenComparingInt(Candidate::matchIndex);

    private HttpRoutePrecedence() {
    }

    /** The winning match for the request, or empty (404). */
    public static Optional<RouteChoice> resolve(List<HTTPRoute> routes, RouteRequest request) {
        return candidates(routes, request.host()).stream()
                .filter(c -> HttpRouteMatching.matches(c.match(), request))
                .min(ORDER)
                .map(HttpRoutePrecedence::choice);
    }

    /** Every (route, rule, match) whose route's hostnames accept the host, in no particular order. */
    public static List<Candidate> candidates(List<HTTPRoute> routes, String host) {
        List<Candidate> all = new ArrayList<>();
        for (HTTPRoute route : routes) {
            if (route.getSpec() == null || route.getSpec().getRules() == null) {
                continue;
            }
            long score = HttpRouteMatching.hostnameScore(route.getSpec().getHostnames(), host);
            if (score < 0) {
                continue;
            }
            List<HTTPRouteRule> rules = route.getSpec().getRules();
            for (int r = 0; r < rules.size(); r++) {
                List<HTTPRouteMatch> matches = rules.get(r).getMatches();
                if (matches == null || matches.isEmpty()) {
                    all.add(new Candidate(route, r, 0, new HTTPRouteMatch(), score));
                    continue;
                }
                for (int m = 0; m < matches.size(); m++) {
                    all.add(new Candidate(route, r, m, matches.get(m), score));
                }
            }
        }
        return all;
    }

    /** Whether the candidate stands for a rule without matches (the catch-all of its route). */
    static boolean withoutMatches(Candidate c) {
        List<HTTPRouteMatch> matches = c.route().getSpec().getRules().get(c.ruleIndex()).getMatches();
        return matches == null || matches.isEmpty();
    }

    static int pathRank(HTTPRouteMatch match) {
        return switch (HttpRouteMatching.pathType(match)) {
            case HttpRouteMatching.EXACT -> 3;
            case HttpRouteMatching.PATH_PREFIX -> 2;
            case HttpRouteMatching.REGEX -> 1;
            default -> 0;
        };
    }

    static int pathLength(HTTPRouteMatch match) {
        String value = HttpRouteMatching.pathValue(match);
        boolean trim = HttpRouteMatching.PATH_PREFIX.equals(HttpRouteMatching.pathType(match))
                && value.length() > 1 && value.endsWith("/");
        return trim ? value.length() - 1 : value.length();
    }

    static Instant created(HTTPRoute route) {
        String stamp = route.getMetadata() == null ? null : route.getMetadata().getCreationTimestamp();
        if (stamp == null) {
            return null;
        }
        try {
            return Instant.parse(stamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String key(HTTPRoute route) {
        ObjectMeta meta = route.getMetadata();
        return meta == null ? "/" : nullToEmpty(meta.getNamespace()) + "/" + nullToEmpty(meta.getName());
    }

    private static RouteChoice choice(Candidate c) {
        ObjectMeta meta = c.route().getMetadata();
        String namespace = meta == null ? null : meta.getNamespace();
        List<HTTPBackendRef> refs = c.route().getSpec().getRules().get(c.ruleIndex()).getBackendRefs();
        List<RouteChoice.Backend> backends = new ArrayList<>();
        for (HTTPBackendRef ref : refs == null ? List.<HTTPBackendRef>of() : refs) {
            backends.add(new RouteChoice.Backend(ref.getKind() == null ? "Service" : ref.getKind(),
                    ref.getNamespace() == null ? namespace : ref.getNamespace(), ref.getName(), ref.getPort(),
                    ref.getWeight() == null ? 1 : ref.getWeight()));
        }
        return new RouteChoice(namespace, meta == null ? null : meta.getName(), c.ruleIndex(), c.matchIndex(),
                backends);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
