package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random route sets and requests (seeded): the resolver must pick what a brute force picks, written here
 * independently: every (route, rule, match) sorted by the spec's key, then the first whose conditions hold.
 * A rule without matches sorts after every match, as Istio's sortHTTPRoutes puts it.
 */
class HttpRoutePrecedencePropertyTest {

    private static final String[] PREFIXES = {"/", "/a", "/ab", "/a/b", "/a/", "/b"};
    private static final String[] EXACTS = {"/a", "/a/b", "/ab", "/"};
    private static final String[] REGEXES = {"/a.*", "/[ab]+", "/a/[a-z]+"};
    private static final String[] SEGMENTS = {"a", "ab", "b"};
    private static final String[] HOSTNAMES = {"shop.example.com", "*.example.com", "*.shop.example.com",
            "example.com"};
    private static final String[] HOSTS = {"shop.example.com", "a.shop.example.com", "example.com", "x.org"};
    private static final String[] STAMPS = {"2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null};
    private static final String[] HEADERS = {"x-a", "x-b", "x-c"};
    private static final String[] PARAMS = {"p", "q"};

    @Test
    void theResolverAgreesWithABruteForceOrdering() {
        Random random = new Random(20261202L);
        int matched = 0;
        int cases = 400;
        for (int i = 0; i < cases; i++) {
            List<HTTPRoute> routes = routes(random);
            RouteRequest request = request(random);
            List<Object> expected = bruteForce(routes, request);
            List<Object> actual = HttpRoutePrecedence.resolve(routes, request)
                    .map(c -> List.<Object>of(c.namespace() + "/" + c.name(), c.ruleIndex(), c.matchIndex()))
                    .orElse(null);
            assertThat(actual).as("case %d: %s", i, request).isEqualTo(expected);
            matched += expected == null ? 0 : 1;
        }
        assertThat(matched).as("most cases must route somewhere to say anything").isGreaterThan(cases / 3);
        assertThat(matched).as("and some must not").isLessThan(cases);
    }

    private static List<Object> bruteForce(List<HTTPRoute> routes, RouteRequest request) {
        List<Map.Entry<List<Comparable<?>>, List<Object>>> all = new ArrayList<>();
        for (HTTPRoute route : routes) {
            int[] host = hostKey(route.getSpec().getHostnames(), request.host());
            if (host == null) {
                continue;
            }
            String id = route.getMetadata().getNamespace() + "/" + route.getMetadata().getName();
            String stamp = route.getMetadata().getCreationTimestamp();
            List<HTTPRouteRule> rules = route.getSpec().getRules();
            for (int r = 0; r < rules.size(); r++) {
                List<HTTPRouteMatch> matches = rules.get(r).getMatches();
                for (int m = 0; m < Math.max(1, matches.size()); m++) {
                    HTTPRouteMatch match = matches.isEmpty() ? Routes.prefix("/") : matches.get(m);
                    if (!holds(match, request)) {
                        continue;
                    }
                    String type = match.getPath().getType();
                    String value = match.getPath().getValue();
                    int rank = type.equals("Exact") ? 3 : type.equals("PathPrefix") ? 2 : 1;
                    int length = type.equals("PathPrefix") ? ("/" + String.join("/", segments(value))).length()
                            : value.length();
                    List<Comparable<?>> key = List.of(-host[0], -host[1], matches.isEmpty() ? 1 : 0, -rank, -length,
                            match.getMethod() == null ? 1 : 0, -size(match.getHeaders()), -size(match.getQueryParams()),
                            stamp == null ? "9999" : stamp, id, r, m);
                    all.add(Map.entry(key, List.of(id, r, m)));
                }
            }
        }
        all.sort((x, y) -> compare(x.getKey(), y.getKey()));
        return all.isEmpty() ? null : all.get(0).getValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(List<Comparable<?>> a, List<Comparable<?>> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static boolean holds(HTTPRouteMatch match, RouteRequest request) {
        String type = match.getPath().getType();
        String value = match.getPath().getValue();
        boolean path = switch (type) {
            case "Exact" -> value.equals(request.path());
            case "PathPrefix" -> {
                List<String> want = segments(value);
                List<String> have = segments(request.path());
                yield have.size() >= want.size() && have.subList(0, want.size()).equals(want);
            }
            default -> java.util.regex.Pattern.compile(value).matcher(request.path()).matches();
        };
        boolean method = match.getMethod() == null || match.getMethod().equals(request.method());
        boolean headers = match.getHeaders() == null || match.getHeaders().stream()
                .allMatch(h -> h.getValue().equals(request.headers().get(h.getName().toLowerCase())));
        boolean query = match.getQueryParams() == null || match.getQueryParams().stream()
                .allMatch(q -> q.getValue().equals(request.query().get(q.getName())));
        return path && method && headers && query;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** {non-wildcard characters, characters} of the best matching hostname; {0, 0} without any; null if none match. */
    private static int[] hostKey(List<String> hostnames, String host) {
        if (hostnames == null || hostnames.isEmpty()) {
            return new int[] {0, 0};
        }
        int[] best = null;
        List<String> labels = List.of(host.split("\\."));
        for (String name : hostnames) {
            List<String> want = List.of(name.split("\\."));
            boolean wild = want.get(0).equals("*");
            boolean hit = wild ? labels.size() >= want.size()
                    && labels.subList(labels.size() - want.size() + 1, labels.size()).equals(want.subList(1, want.size()))
                    : labels.equals(want);
            int[] key = {wild ? 0 : name.length(), name.length()};
            if (hit && (best == null || key[0] > best[0] || key[0] == best[0] && key[1] > best[1])) {
                best = key;
            }
        }
        return best;
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    static List<HTTPRoute> routes(Random random) {
        List<String> names = new ArrayList<>(List.of("a", "b", "c", "d"));
        Collections.shuffle(names, random);
        List<HTTPRoute> routes = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            HTTPRouteRule[] rules = new HTTPRouteRule[1 + random.nextInt(3)];
            for (int r = 0; r < rules.length; r++) {
                HTTPRouteMatch[] matches = new HTTPRouteMatch[random.nextInt(4)];
                for (int m = 0; m < matches.length; m++) {
                    matches[m] = match(random);
                }
                rules[r] = Routes.rule("b" + r, matches);
            }
            Set<String> hostnames = new TreeSet<>();
            for (int h = random.nextInt(3); h > 0; h--) {
                hostnames.add(pick(random, HOSTNAMES));
            }
            routes.add(Routes.route(random.nextBoolean() ? "shop" : "web", names.get(i), pick(random, STAMPS),
                    new ArrayList<>(hostnames), rules));
        }
        return routes;
    }

    private static HTTPRouteMatch match(Random random) {
        int kind = random.nextInt(10);
        HTTPRouteMatch match = kind < 5 ? Routes.prefix(pick(random, PREFIXES))
                : kind < 8 ? Routes.exact(pick(random, EXACTS)) : Routes.path("RegularExpression", pick(random, REGEXES));
        if (random.nextInt(3) == 0) {
            Routes.method(match, random.nextBoolean() ? "GET" : "POST");
        }
        for (String header : HEADERS) {
            if (random.nextInt(4) == 0) {
                Routes.header(match, random.nextBoolean() ? header : header.toUpperCase(), "1");
            }
        }
        for (String param : PARAMS) {
            if (random.nextInt(4) == 0) {
                Routes.query(match, param, "1");
            }
        }
        return match;
    }

    static RouteRequest request(Random random) {
        StringBuilder path = new StringBuilder();
        for (int s = random.nextInt(3); s > 0; s--) {
            path.append('/').append(pick(random, SEGMENTS));
        }
        if (path.isEmpty() || random.nextInt(5) == 0) {
            path.append('/');
        }
        Map<String, String> headers = new HashMap<>();
        Map<String, String> query = new HashMap<>();
        for (String header : HEADERS) {
            if (random.nextInt(3) > 0) {
                headers.put(header, "1");
            }
        }
        for (String param : PARAMS) {
            if (random.nextBoolean()) {
                query.put(param, "1");
            }
        }
        return new RouteRequest(pick(random, HOSTS), path.toString(), random.nextInt(4) == 0 ? "POST" : "GET",
                headers, query);
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
