package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.RequestSimulator;
import dev.trafficwizard.istio.Resolution;
import dev.trafficwizard.istio.SimulatedRequest;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random HTTPRoute sets (the generator of {@link HttpRoutePrecedencePropertyTest}, with random backends and
 * weights) and random requests: the Istio simulator, reading {@link GatewayApiModel#toIstio}, must pick the
 * rule and match {@link HttpRoutePrecedence#resolve} picks, and send the request where that rule's
 * backendRefs do (weight 0 none, all 0 a 500).
 */
class GatewayApiModelPropertyTest {

    static final TargetService REVIEWS = new TargetService("shop", "reviews", "version", List.of(
            new TargetService.ServiceVersion("v1", 1, 1), new TargetService.ServiceVersion("v2", 1, 1)));
    static final List<Service> VERSIONS = List.of(GatewayApiFixtures.versionService("reviews-v1", "v1"),
            GatewayApiFixtures.versionService("reviews-v2", "v2"));
    private static final String[] BACKENDS = {"reviews-v1", "reviews-v2", "reviews", "ratings"};
    private static final int[] WEIGHTS = {0, 1, 3, 10};

    @Test
    void inTheMeshTheSimulatorPicksWhatGatewayApiPrecedencePicks() {
        Random random = new Random(15_05_2026L);
        int routed = 0;
        int cases = 500;
        for (int i = 0; i < cases; i++) {
            List<HTTPRoute> routes = HttpRoutePrecedencePropertyTest.routes(random);
            for (HTTPRoute route : routes) {
                route.getMetadata().setNamespace("shop");
                route.getSpec().setHostnames(null); // Istio ignores hostnames of mesh routes
                route.getSpec().setParentRefs(List.of(RouteParents.serviceParent("reviews")));
                randomBackends(route, random);
            }
            RouteRequest request = HttpRoutePrecedencePropertyTest.request(random);
            IstioEquivalent istio = GatewayApiModel.toIstio(routes, VERSIONS, List.of(), REVIEWS);
            Resolution resolution = RequestSimulator.simulate(new SimulatedRequest("reviews", request.path(),
                    request.method(), request.headers(), request.query(), false), istio.virtualServices(),
                    istio.destinationRules(), istio.gateways(), REVIEWS, null);
            Optional<RouteChoice> expected = HttpRoutePrecedence.resolve(routes,
                    new RouteRequest(REVIEWS.fqdn(), request.path(), request.method(), request.headers(), request.query()));
            assertAgrees(i, request, istio, resolution, expected);
            routed += expected.isPresent() ? 1 : 0;
        }
        assertThat(routed).isBetween(cases / 3, cases - 1);
    }

    @Test
    void throughAGatewayTheSimulatorPicksWhatPrecedencePicksAmongTheRoutesOfTheMostSpecificHostname() {
        Random random = new Random(15_06_2026L);
        Gateway gateway = GatewayApiFixtures.gateway("shop", "web", null, "All");
        int routed = 0;
        int cases = 500;
        for (int i = 0; i < cases; i++) {
            List<HTTPRoute> routes = HttpRoutePrecedencePropertyTest.routes(random);
            for (HTTPRoute route : routes) {
                route.getSpec().setParentRefs(List.of(GatewayApiFixtures.gatewayParent("shop", "web")));
                randomBackends(route, random);
            }
            RouteRequest request = HttpRoutePrecedencePropertyTest.request(random);
            IstioEquivalent istio = GatewayApiModel.toIstio(routes, VERSIONS, List.of(gateway), REVIEWS);
            Resolution resolution = RequestSimulator.simulate(new SimulatedRequest(request.host(), request.path(),
                    request.method(), request.headers(), request.query(), true), istio.virtualServices(),
                    istio.destinationRules(), istio.gateways(), REVIEWS, null);
            // Istio builds one VirtualService (an Envoy virtual host) per hostname: a request only sees the
            // routes of the most specific matching hostname, it does not fall back to less specific ones.
            long best = routes.stream().mapToLong(r -> HttpRouteMatching.hostnameScore(r.getSpec().getHostnames(),
                    request.host())).max().orElse(-1);
            List<HTTPRoute> served = routes.stream().filter(r -> best >= 0
                    && HttpRouteMatching.hostnameScore(r.getSpec().getHostnames(), request.host()) == best).toList();
            Optional<RouteChoice> expected = HttpRoutePrecedence.resolve(served, request);
            assertAgrees(i, request, istio, resolution, expected);
            routed += expected.isPresent() ? 1 : 0;
        }
        assertThat(routed).isBetween(cases / 4, cases - 1);
    }

    private static void assertAgrees(int i, RouteRequest request, IstioEquivalent istio, Resolution resolution,
                                     Optional<RouteChoice> expected) {
        String what = "case " + i + ": " + request + " in " + istio.virtualServices();
        if (expected.isEmpty()) {
            assertThat(resolution.outcome()).as(what).isIn(Resolution.Outcome.NOT_FOUND, Resolution.Outcome.NO_GATEWAY);
            return;
        }
        RouteChoice choice = expected.get();
        assertThat(resolution.outcome()).as(what).isEqualTo(Resolution.Outcome.ROUTED);
        String vsName = resolution.virtualService().substring(resolution.virtualService().indexOf('/') + 1);
        var vs = istio.virtualServices().stream().filter(v -> v.getMetadata().getName().equals(vsName)
                && resolution.virtualService().startsWith(v.getMetadata().getNamespace() + "/")).findFirst().orElseThrow();
        GatewayApiModel.Origin origin = GatewayApiModel.origin(vs.getSpec().getHttp().get(resolution.ruleIndex())
                .getName()).orElseThrow();
        assertThat(origin).as(what).isEqualTo(new GatewayApiModel.Origin(choice.namespace(), choice.name(),
                choice.ruleIndex(), choice.matchIndex()));
        Map<String, Integer> actual = percentByDestination(resolution);
        Map<String, Double> wanted = expectedPercent(choice);
        assertThat(actual.keySet()).as(what).isEqualTo(wanted.keySet());
        wanted.forEach((key, percent) -> assertThat((double) actual.get(key)).as(what + " " + key)
                .isCloseTo(percent, org.assertj.core.data.Offset.offset(1.0)));
    }

    private static void randomBackends(HTTPRoute route, Random random) {
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            List<HTTPBackendRef> refs = new ArrayList<>();
            for (int b = random.nextInt(3); b >= 0; b--) {
                HTTPBackendRef ref = new HTTPBackendRef();
                ref.setName(BACKENDS[random.nextInt(BACKENDS.length)]);
                ref.setPort(9080);
                ref.setWeight(random.nextInt(4) == 0 ? null : WEIGHTS[random.nextInt(WEIGHTS.length)]);
                refs.add(ref);
            }
            rule.setBackendRefs(refs);
        }
    }

    /** Percent per destination: "v1" for a version, "all" for the service itself, else the host; "500" for none. */
    private static Map<String, Integer> percentByDestination(Resolution resolution) {
        Map<String, Integer> out = new TreeMap<>();
        if (resolution.fixedResponse() != null) {
            out.put(String.valueOf(resolution.fixedResponse().status()), 100);
            return out;
        }
        for (Resolution.Share s : resolution.shares()) {
            String key = s.subset() != null ? s.subset() : s.host().equals(REVIEWS.fqdn()) ? "all" : s.host();
            out.merge(key, s.percent(), Integer::sum);
        }
        out.values().removeIf(p -> p == 0);
        return out;
    }

    /** The exact percent per destination the rule's backendRefs give (weights relative, 0 = none). */
    private static Map<String, Double> expectedPercent(RouteChoice choice) {
        List<RouteChoice.Backend> live = choice.backends().stream().filter(b -> b.weight() > 0).toList();
        Map<String, Double> out = new TreeMap<>();
        if (live.isEmpty()) {
            out.put("500", 100.0);
            return out;
        }
        double total = live.stream().mapToInt(RouteChoice.Backend::weight).sum();
        for (RouteChoice.Backend b : live) {
            String name = b.name();
            boolean local = b.namespace().equals(REVIEWS.namespace());
            String key = local && name.startsWith("reviews-") ? name.substring("reviews-".length())
                    : local && name.equals("reviews") ? "all" : name + "." + b.namespace() + ".svc.cluster.local";
            out.merge(key, b.weight() * 100 / total, Double::sum);
        }
        return out;
    }
}
