package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random plans of what the forms write (seeded): mesh, a created gateway (HTTP, HTTPS with a
 * certificate here or in another namespace, other ports, with or without the mesh) or an existing one;
 * rules matching on paths, headers (every operator), methods and query parameters; weighted splits;
 * the keep-version cookie. Each translates completely, every object validates against its CRD and CEL
 * rules, and {@link GatewayApiParser} reads the very plan back.
 */
class GatewayApiRoundTripPropertyTest {

    private static final TargetService SHOP = new TargetService("default", "shop", "version", List.of(
            new TargetService.ServiceVersion("v1", 1, 1), new TargetService.ServiceVersion("v2", 1, 1),
            new TargetService.ServiceVersion("canary", 1, 1)));
    private static final List<String> VERSIONS = List.of("v1", "v2", "canary");
    private static final List<String> GATEWAY_HOSTS = List.of("*", "example.com", "*.example.com", "a.example.com");
    private static final List<String> PLAN_HOSTS = List.of("shop.example.com", "*.example.org", "shop");

    private final Random random = new Random(15_2026L);

    @Test
    void everyGeneratedPlanTranslatesValidatesAndReadsBack() {
        int withGateway = 0;
        int pinned = 0;
        int hostRules = 0;
        for (int n = 0; n < 500; n++) {
            RoutingPlan plan = plan();
            withGateway += plan.gateway() != null ? 1 : 0;
            pinned += plan.stickySession() != null ? 1 : 0;
            FormKind form = FormKind.values()[random.nextInt(FormKind.values().length)];
            GatewayApiObjects objects = GatewayApiTranslator.translate(plan, SHOP, Map.of("app", "shop"),
                    GatewayApiPlans.ports(8080), form);
            assertThat(objects.untranslatable()).as("%s", plan).isEmpty();
            for (HasMetadata object : objects.all()) {
                if (!(object instanceof Service)) {
                    assertThat(GatewayApiSchemas.validate(object)).as("%s of %s", object.getKind(), plan).isEmpty();
                }
            }
            objects.routes().forEach(r -> assertThat(HttpRouteCelRules.violations(r)).as("%s", plan).isEmpty());
            hostRules += objects.hostRoutes().size();
            if (objects.gateway() != null) {
                assertThat(GatewayCelRules.violations(objects.gateway())).as("%s", plan).isEmpty();
            }
            assertThat(GatewayApiParser.parse(objects.route(), objects.hostRoutes(), objects.versionServices(),
                    objects.gateway(), SHOP)).as("%s", plan).contains(plan);
        }
        assertThat(hostRules).isGreaterThan(50);
        assertThat(withGateway).isBetween(200, 450);
        assertThat(pinned).isGreaterThan(50);
    }

    /**
     * The same plans with every rule shape the Gateway API takes (mirror with a whole or fractional
     * percent, timeouts, retries in Istio's terms for {@code retry}, header changes) and traffic policies
     * (a part the service's, or some versions' own): each validates (the experimental CRD where a rule
     * retries) and reads back, the policies through the version Services' DestinationRules.
     */
    @Test
    void everyRuleFieldAndPolicyShapeTranslatesValidatesAndReadsBack() {
        int mirrors = 0;
        int retries = 0;
        int policies = 0;
        for (int n = 0; n < 300; n++) {
            RoutingPlan base = plan();
            RoutingPlan plan = withPolicies(base.withRules(base.rules().stream().map(this::withFields).toList()));
            mirrors += plan.versionsMirrored().isEmpty() ? 0 : 1;
            retries += plan.rules().stream().anyMatch(r -> r.retries() != null) ? 1 : 0;
            GatewayApiObjects objects = GatewayApiTranslator.translate(plan, SHOP, Map.of("app", "shop"),
                    GatewayApiPlans.ports(8080), FormKind.HEADER);
            policies += objects.destinationRules().isEmpty() ? 0 : 1;
            assertThat(objects.untranslatable()).as("%s", plan).isEmpty();
            for (HasMetadata object : objects.all()) {
                if (object instanceof io.fabric8.istio.api.networking.v1.DestinationRule) {
                    assertThat(dev.trafficwizard.istio.IstioSchemas.validate(object)).as("%s", plan).isEmpty();
                } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute r
                        && GatewayApiTranslatorTest.retries(r)) {
                    assertThat(GatewayApiSchemas.validateExperimental(object)).as("%s", plan).isEmpty();
                } else if (!(object instanceof Service)) {
                    assertThat(GatewayApiSchemas.validate(object)).as("%s of %s", object.getKind(), plan).isEmpty();
                }
            }
            objects.routes().forEach(r -> assertThat(HttpRouteCelRules.violations(r)).as("%s", plan).isEmpty());
            assertThat(GatewayApiParser.parse(objects.route(), objects.hostRoutes(), objects.versionServices(),
                    objects.destinationRules(), objects.gateway(), SHOP)).as("%s", plan).contains(plan);
        }
        assertThat(mirrors).isGreaterThan(100);
        assertThat(retries).isGreaterThan(100);
        assertThat(policies).isGreaterThan(100);
    }

    private Rule withFields(Rule rule) {
        dev.trafficwizard.routing.Mirror mirror = random.nextInt(3) == 0 ? null : new dev.trafficwizard.routing.Mirror(
                pick(VERSIONS), pick(java.util.Arrays.asList(null, 10.0, 0.5, 25.0, 0.01)));
        String timeout = pick(java.util.Arrays.asList(null, "2s", "500ms", "1m"));
        dev.trafficwizard.routing.Retries retries = pick(java.util.Arrays.asList(null,
                new dev.trafficwizard.routing.Retries(3, null, null),
                new dev.trafficwizard.routing.Retries(2, "250ms", "connect-failure,refused-stream,unavailable,cancelled,503"),
                new dev.trafficwizard.routing.Retries(null, "100ms", "connect-failure,refused-stream,unavailable,cancelled,500,502,504")));
        dev.trafficwizard.routing.HeaderChanges headers = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new dev.trafficwizard.routing.HeaderChanges(new dev.trafficwizard.routing.HeaderChanges.Operations(
                    Map.of("x-route", "shop"), null, List.of("x-debug")), null);
            case 2 -> new dev.trafficwizard.routing.HeaderChanges(null, new dev.trafficwizard.routing.HeaderChanges.Operations(
                    null, Map.of("x-served", "yes"), null));
            default -> new dev.trafficwizard.routing.HeaderChanges(new dev.trafficwizard.routing.HeaderChanges.Operations(
                    null, Map.of("x-a", "1"), null), new dev.trafficwizard.routing.HeaderChanges.Operations(
                    Map.of("cache-control", "no-store"), null, List.of("server")));
        };
        return new Rule(rule.match(), rule.route(), mirror, null, timeout, retries, headers);
    }

    /** Each part the service's, or some (not all) of the routed versions' own, or none: the form it reads back in. */
    private RoutingPlan withPolicies(RoutingPlan plan) {
        List<String> routed = new ArrayList<>(plan.versionsRouted(SHOP));
        List<java.util.function.Supplier<Object>> parts = List.of(
                () -> new dev.trafficwizard.routing.TrafficPolicy.Tls(pick(List.of("ISTIO_MUTUAL", "DISABLE")), null, null),
                () -> new dev.trafficwizard.routing.TrafficPolicy.LoadBalancer(pick(List.of("LEAST_REQUEST", "RANDOM")), null),
                () -> new dev.trafficwizard.routing.TrafficPolicy.ConnectionPool(
                        new dev.trafficwizard.routing.TrafficPolicy.ConnectionPool.Tcp(1 + random.nextInt(100), null), null),
                () -> new dev.trafficwizard.routing.TrafficPolicy.OutlierDetection(5, "10s", "30s", 50));
        Object[] service = new Object[4];
        Map<String, Object[]> own = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            switch (random.nextInt(3)) {
                case 0 -> service[k] = parts.get(k).get();
                case 1 -> {
                    if (routed.size() > 1) {
                        for (String v : routed.subList(0, 1 + random.nextInt(routed.size() - 1))) {
                            own.computeIfAbsent(v, x -> new Object[4])[k] = parts.get(k).get();
                        }
                    }
                }
                default -> {
                }
            }
        }
        Map<String, dev.trafficwizard.routing.TrafficPolicy> versions = new LinkedHashMap<>();
        own.forEach((v, p) -> versions.put(v, policy(p)));
        dev.trafficwizard.routing.TrafficPolicy top = policy(service);
        return plan.withPolicies(top.setsNothing() ? null : top, versions);
    }

    private static dev.trafficwizard.routing.TrafficPolicy policy(Object[] p) {
        return new dev.trafficwizard.routing.TrafficPolicy((dev.trafficwizard.routing.TrafficPolicy.Tls) p[0],
                (dev.trafficwizard.routing.TrafficPolicy.LoadBalancer) p[1],
                (dev.trafficwizard.routing.TrafficPolicy.ConnectionPool) p[2],
                (dev.trafficwizard.routing.TrafficPolicy.OutlierDetection) p[3]);
    }

    private RoutingPlan plan() {
        GatewayPlan gateway = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> new GatewayPlan(pick(List.of("edge", "istio-system/shared")), false, List.of(), null,
                    random.nextBoolean(), null);
            default -> created();
        };
        List<Rule> rules = new ArrayList<>();
        if (gateway != null && random.nextInt(3) == 0) { // the subdomain form's rows: one host each, first
            for (String host : some(List.of("a.example.com", "b.example.com", "example.com"))) {
                rules.add(new Rule(List.of(new MatchCondition(null, Map.of(), new StringMatch(host, null, null), null,
                        Map.of())), route()));
            }
            if (!gateway.includeMesh() && random.nextBoolean()) {
                return new RoutingPlan("default", "shop", List.of(), gateway, rules, null,
                        RoutingApi.GATEWAY_API.value());
            }
        }
        int hostRules = rules.size();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1;
            List<MatchCondition> match = new ArrayList<>();
            if (!last || random.nextInt(5) == 0) {
                for (int j = 0; j < 1 + random.nextInt(2); j++) {
                    match.add(entry());
                }
            }
            rules.add(new Rule(match, route()));
        }
        // a keep-version cookie pins a catch-all split; without one it writes nothing (in Istio too), so reads back absent
        Rule last = rules.get(rules.size() - 1);
        StickySession sticky = last.catchAll() && HttpRouteBuilder.splits(last) && random.nextInt(2) == 0
                ? new StickySession(null, null, null, null, "tw-version") : null;
        RoutingPlan plan = new RoutingPlan("default", "shop", List.of(), gateway, rules, sticky,
                RoutingApi.GATEWAY_API.value());
        if (gateway != null && hostRules == 0 && random.nextInt(3) == 0) { // the subdomain form has no hosts
            List<String> hosts = some(PLAN_HOSTS);
            if (!hosts.equals(EffectiveHosts.of(plan, SHOP))) {
                plan = new RoutingPlan("default", "shop", hosts, gateway, rules, sticky, plan.api());
            }
        }
        return plan;
    }

    private GatewayPlan created() {
        int port = pick(List.of(80, 443, 8080));
        String credential = port == 443 ? pick(List.of("shop-tls", "certs/shop-tls", "default/shop-tls")) : null;
        return new GatewayPlan("shop-gateway", true, some(GATEWAY_HOSTS), port, random.nextBoolean(), credential);
    }

    private MatchCondition entry() {
        StringMatch uri = null;
        StringMatch method = null;
        Map<String, StringMatch> headers = new LinkedHashMap<>();
        Map<String, StringMatch> query = new LinkedHashMap<>();
        for (int f = 0; f < 1 + random.nextInt(2); f++) {
            switch (random.nextInt(4)) {
                case 0 -> uri = pick(List.of(new StringMatch("/checkout", null, null),
                        new StringMatch(null, "/api", null), new StringMatch(null, "/", null),
                        new StringMatch(null, null, "/api/v[0-9]+/.*")));
                case 1 -> headers.put(pick(List.of("x-canary", "x-user", "cookie")), pick(List.of(
                        new StringMatch("on", null, null), new StringMatch(null, "be.ta(", null),
                        new StringMatch(null, null, "can.*"), new StringMatch(null, null, null))));
                case 2 -> method = new StringMatch(pick(List.of("GET", "POST")), null, null);
                default -> query.put(pick(List.of("debug", "v")), pick(List.of(new StringMatch("1", null, null),
                        new StringMatch(null, null, "[0-9]+"))));
            }
        }
        return new MatchCondition(uri, headers, null, method, query);
    }

    private List<WeightedDestination> route() {
        if (random.nextInt(3) == 0) {
            return List.of(new WeightedDestination(pick(VERSIONS), 100));
        }
        List<String> two = new ArrayList<>(VERSIONS);
        java.util.Collections.shuffle(two, random);
        int w = pick(List.of(0, 10, 50, 90));
        return List.of(new WeightedDestination(two.get(0), w), new WeightedDestination(two.get(1), 100 - w));
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** One to three distinct picks. */
    private <T> List<T> some(List<T> list) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            T t = pick(list);
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
