package dev.trafficwizard.istio;

import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random routing plans for the property test: hosts with wildcards, duplicates and variants,
 * gateways created or existing with and without the mesh, rules with OR'd match entries of AND'ed
 * fields (exact, prefix, regex; missing headers, ports, source labels), versions that differ only
 * in case or dots, sticky sessions, and each rule's mirror, fault, timeout, retries and header
 * changes and the traffic policies ({@link ResilienceGenerator}).
 * Regexes come with a value they match, so requests can be aimed at them.
 */
final class PlanGenerator {

    static final String NAMESPACE = "default";
    static final String SERVICE = "shop";
    static final List<String> VERSIONS = List.of("v1", "V2", "v2", "v1.0", "v1-0");

    /** A regex (RE2 and Java read it alike) and a value it fully matches. */
    record Sample(String regex, String value) {
    }

    static final List<Sample> URI_REGEX = List.of(new Sample("/api/v[0-9]+/.*", "/api/v2/items"),
            new Sample("/(a|b)/c", "/b/c"), new Sample("/x{1,3}", "/xx"));
    static final List<Sample> VALUE_REGEX = List.of(new Sample("can.*", "canary"), new Sample("(?i)beta", "BeTa"),
            new Sample("[0-9]+", "42"));
    static final List<String> HEADERS = List.of("x-canary", "X-User", "x-env", ":authority", "x-canary",
            "X-User", "@request.auth.claims.group");
    /** Header names a request may lack (no pseudo headers or JWT claims: Istio refuses those in the mesh). */
    static final List<String> WITHOUT_HEADERS = List.of("x-canary", "X-User", "x-env");
    /** Ports a match entry may name: the gateways' (80, 443, 8080) and one no gateway serves. */
    static final List<Integer> PORTS = List.of(80, 8080, 443, 9080);
    /** Caller labels a match entry may name; {@code istio=ingressgateway} are the ingress gateway's labels. */
    static final List<Map<String, String>> SOURCE_LABELS = List.of(Map.of("app", "frontend"),
            Map.of("istio", "ingressgateway"), Map.of("app", "frontend", "version", "v1"));
    static final List<String> PLAN_HOSTS = List.of("shop", "shop.default.svc.cluster.local",
            "example.com", "*.example.com", "a.example.com", "*", "Example.com", "example.com.", "api.other.org");
    static final List<String> GATEWAY_HOSTS = List.of("*", "example.com", "*.example.com", "a.example.com",
            "./b.example.com", "localhost", "foo.123", "example.com");

    private final Random random;
    private final ResilienceGenerator resilience = new ResilienceGenerator(this);

    PlanGenerator(Random random) {
        this.random = random;
    }

    RoutingPlan plan() {
        List<String> hosts = chance(0.5) ? List.of() : some(PLAN_HOSTS, 1 + random.nextInt(3));
        GatewayPlan gateway = chance(0.35) ? null : gateway();
        List<Rule> rules = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            List<MatchCondition> match = new ArrayList<>();
            if (!last || chance(0.15)) {
                int entries = 1 + random.nextInt(2);
                for (int j = 0; j < entries; j++) {
                    match.add(entry());
                }
            }
            rules.add(resilience.on(new Rule(match, route())));
        }
        StickySession sticky = chance(0.3) ? sticky() : null;
        boolean hashed = sticky != null && sticky.hashKeys() > 0;
        return new RoutingPlan(NAMESPACE, SERVICE, hosts, gateway, rules, sticky, null, resilience.policy(hashed),
                resilience.versionPolicies());
    }

    private GatewayPlan gateway() {
        boolean includeMesh = chance(0.4);
        if (chance(0.4)) {
            String name = pick(List.of("istio-system/shared-gateway", "edge"));
            List<String> hosts = chance(0.5) ? List.of() : some(List.of("*.example.com", "example.com",
                    "*/a.example.com"), 1 + random.nextInt(2));
            return new GatewayPlan(name, false, hosts, null, includeMesh, null);
        }
        int port = pick(List.of(80, 80, 443, 8080));
        String credential = port == 443 && chance(0.8) ? "shop-tls" : null;
        return new GatewayPlan("shop-gateway", true, some(GATEWAY_HOSTS, 1 + random.nextInt(2)), port, includeMesh,
                credential);
    }

    private MatchCondition entry() {
        StringMatch uri = null;
        StringMatch authority = null;
        StringMatch method = null;
        Map<String, StringMatch> headers = new LinkedHashMap<>();
        Map<String, StringMatch> query = new LinkedHashMap<>();
        Map<String, StringMatch> without = new LinkedHashMap<>();
        Integer port = null;
        Map<String, String> sourceLabels = null;
        int fields = 1 + random.nextInt(2);
        for (int f = 0; f < fields; f++) {
            switch (random.nextInt(8)) {
                case 5 -> without.put(pick(WITHOUT_HEADERS), value(true));
                case 6 -> port = pick(PORTS);
                case 7 -> sourceLabels = pick(SOURCE_LABELS);
                case 0 -> uri = pick(List.of(exact("/checkout"), prefix("/api"), prefix("/"),
                        regex(pick(URI_REGEX).regex())));
                case 1 -> headers.put(pick(HEADERS), value(true));
                case 2 -> authority = pick(List.of(exact("a.example.com"), prefix("a."), regex("a\\..*"),
                        exact("shop")));
                case 3 -> method = pick(List.of(exact("POST"), exact("GET"), regex("GET|HEAD"), prefix("PO")));
                default -> query.put(pick(List.of("debug", "v")), value(false));
            }
        }
        return new MatchCondition(uri, headers, authority, method, query, without, port, sourceLabels);
    }

    private StringMatch value(boolean header) {
        return switch (random.nextInt(header ? 4 : 3)) {
            case 0 -> exact(pick(List.of("1", "canary", "on")));
            case 1 -> regex(pick(VALUE_REGEX).regex());
            case 2 -> prefix(pick(List.of("can", "o")));
            default -> new StringMatch(null, null, null);
        };
    }

    private List<WeightedDestination> route() {
        if (chance(0.4)) {
            return List.of(new WeightedDestination(pick(VERSIONS), chance(0.5) ? null : 100));
        }
        List<String> two = some(VERSIONS, 2);
        if (two.size() < 2) {
            return List.of(new WeightedDestination(two.get(0), 100));
        }
        int w = pick(List.of(0, 10, 50, 90, 100));
        return List.of(new WeightedDestination(two.get(0), w), new WeightedDestination(two.get(1), 100 - w));
    }

    private StickySession sticky() {
        String pin = chance(0.4) ? "tw-version" : null;
        return switch (random.nextInt(5)) {
            case 0 -> new StickySession("X-User", null, null, null, pin);
            case 1 -> new StickySession(null, new StickySession.HttpCookie("user", "/", "1h"), null, null, pin);
            case 2 -> new StickySession(null, null, true, null, pin);
            case 3 -> new StickySession(null, null, null, "uid", pin);
            default -> new StickySession(null, null, null, null, "tw-version");
        };
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Up to {@code n} picks, duplicates possible (duplicates are part of what is tested). */
    <T> List<T> some(List<T> list, int n) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            T t = pick(list);
            if (!out.contains(t) || chance(0.2)) {
                out.add(t);
            }
        }
        return out;
    }

    static StringMatch exact(String v) {
        return new StringMatch(v, null, null);
    }

    static StringMatch prefix(String v) {
        return new StringMatch(null, v, null);
    }

    static StringMatch regex(String v) {
        return new StringMatch(null, null, v);
    }

    /** A value that fully matches a generated regex. */
    static String sampleFor(String regex) {
        return java.util.stream.Stream.concat(URI_REGEX.stream(), VALUE_REGEX.stream())
                .filter(s -> s.regex().equals(regex)).map(Sample::value).findFirst()
                .orElse(regex.equals("a\\..*") ? "a.example.com" : regex.equals("GET|HEAD") ? "HEAD" : "");
    }
}
