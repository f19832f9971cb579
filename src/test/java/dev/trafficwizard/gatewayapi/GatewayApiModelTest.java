package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.EntryPoint;
import dev.trafficwizard.istio.RequestSimulator;
import dev.trafficwizard.istio.Resolution;
import dev.trafficwizard.istio.RoutingModel;
import dev.trafficwizard.istio.SimulatedRequest;
import dev.trafficwizard.istio.ServiceRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.trafficwizard.gatewayapi.GatewayApiModelPropertyTest.REVIEWS;
import static dev.trafficwizard.gatewayapi.GatewayApiModelPropertyTest.VERSIONS;
import static dev.trafficwizard.gatewayapi.Routes.exact;
import static dev.trafficwizard.gatewayapi.Routes.header;
import static dev.trafficwizard.gatewayapi.Routes.method;
import static dev.trafficwizard.gatewayapi.Routes.prefix;
import static dev.trafficwizard.gatewayapi.Routes.query;
import static org.assertj.core.api.Assertions.assertThat;

/** What the routing model and simulator answer for HTTPRoutes, through {@link GatewayApiModel#toIstio}. */
class GatewayApiModelTest {

    @Test
    void aPathPrefixMatchesWholeSegmentsInTheSimulator() {
        HTTPRoute route = mesh("reviews", "2026-01-01T00:00:00Z", rule("v2", prefix("/canary")), rule("v1"));
        assertThat(versions(get(List.of(route), "/canary"))).isEqualTo(Map.of("v2", 100));
        assertThat(versions(get(List.of(route), "/canary/x"))).isEqualTo(Map.of("v2", 100));
        assertThat(versions(get(List.of(route), "/canaryfoo"))).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void anExactPathWinsOverAPrefixListedFirst() {
        HTTPRoute route = mesh("reviews", null, rule("v1", prefix("/a")), rule("v2", exact("/a")));
        assertThat(versions(get(List.of(route), "/a"))).isEqualTo(Map.of("v2", 100));
        assertThat(meshRules(route)).containsExactly("shop/reviews#rule1.match0", "shop/reviews#rule0.match0");
    }

    @Test
    void theLongestPrefixWins() {
        HTTPRoute route = mesh("reviews", null, rule("v1", prefix("/a")), rule("v2", prefix("/a/b/")));
        assertThat(versions(get(List.of(route), "/a/b/c"))).isEqualTo(Map.of("v2", 100));
        assertThat(versions(get(List.of(route), "/a/bc"))).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void aMethodMatchWins() {
        HTTPRoute route = mesh("reviews", null, rule("v1", prefix("/")), rule("v2", method(prefix("/"), "POST")));
        SimulatedRequest post = SimulatedRequest.insideMesh("reviews", "/x").withMethod("POST");
        assertThat(versions(simulate(List.of(route), post))).isEqualTo(Map.of("v2", 100));
        assertThat(versions(get(List.of(route), "/x"))).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void moreHeaderMatchesWin() {
        HTTPRoute route = mesh("reviews", null, rule("v1", header(prefix("/"), "x-a", "1")),
                rule("v2", header(header(prefix("/"), "x-a", "1"), "x-b", "1")));
        SimulatedRequest both = SimulatedRequest.insideMesh("reviews", "/").withHeader("x-a", "1").withHeader("x-b", "1");
        assertThat(versions(simulate(List.of(route), both))).isEqualTo(Map.of("v2", 100));
    }

    @Test
    void moreQueryParamMatchesWin() {
        HTTPRoute route = mesh("reviews", null, rule("v1", query(prefix("/"), "p", "1")),
                rule("v2", query(query(prefix("/"), "p", "1"), "q", "1")));
        assertThat(versions(get(List.of(route), "/?p=1&q=1"))).isEqualTo(Map.of("v2", 100));
        assertThat(versions(get(List.of(route), "/?p=1"))).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void theOldestRouteWinsATie() {
        HTTPRoute newer = mesh("a-new", "2026-01-01T00:00:00Z", rule("v1", prefix("/a")));
        HTTPRoute older = mesh("z-old", "2025-01-01T00:00:00Z", rule("v2", prefix("/a")));
        Resolution r = get(List.of(newer, older), "/a");
        assertThat(versions(r)).isEqualTo(Map.of("v2", 100));
        assertThat(r.virtualService()).isEqualTo("shop/z-old+a-new");
    }

    @Test
    void theFirstRuleThenTheFirstMatchWinsATieInARoute() {
        HTTPRoute route = mesh("reviews", null, rule("v2", prefix("/b"), prefix("/a")), rule("v1", prefix("/a")));
        IstioEquivalent istio = toIstio(route);
        Resolution r = simulate(istio, SimulatedRequest.insideMesh("reviews", "/a"));
        assertThat(versions(r)).isEqualTo(Map.of("v2", 100));
        assertThat(originOf(istio, r)).isEqualTo(new GatewayApiModel.Origin("shop", "reviews", 0, 1));
    }

    @Test
    void aRuleWithoutMatchesComesLastEvenAfterARegexAsIstioSortsIt() {
        HTTPRoute route = mesh("reviews", null, rule("v1"), rule("v2", Routes.path("RegularExpression", "/a.*")));
        assertThat(versions(get(List.of(route), "/abc"))).isEqualTo(Map.of("v2", 100));
        assertThat(versions(get(List.of(route), "/b"))).isEqualTo(Map.of("v1", 100));
        EntryPoint mesh = service(route).mesh();
        assertThat(mesh.otherwiseLabel()).isEqualTo("v1 100 %");
    }

    @Test
    void versionServicesBecomeSubsetsAndWeightsShares() {
        HTTPRouteRule split = rule("v1");
        split.getBackendRefs().get(0).setWeight(90);
        split.getBackendRefs().add(backend("reviews-v2", 10));
        split.getBackendRefs().add(backend("reviews-v1", 0));
        EntryPoint mesh = service(mesh("reviews", null, split)).mesh();
        assertThat(mesh.virtualService()).isEqualTo("shop/reviews");
        assertThat(mesh.otherwise()).extracting(Resolution.Share::subset, Resolution.Share::percent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v1", 90), org.assertj.core.groups.Tuple.tuple("v2", 10));
    }

    @Test
    void allWeightsZeroAnswer500AndOtherBackendsKeepTheirHost() {
        HTTPRouteRule none = rule("v1", prefix("/none"));
        none.getBackendRefs().get(0).setWeight(0);
        HTTPRouteRule others = new HTTPRouteRule();
        others.setBackendRefs(new ArrayList<>(List.of(backend("reviews", null), backend("ratings", null))));
        List<HTTPRoute> routes = List.of(mesh("reviews", null, none, others));
        assertThat(get(routes, "/none").fixedResponse().status()).isEqualTo(500);
        assertThat(get(routes, "/x").shares()).extracting(Resolution.Share::host, Resolution.Share::subset)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(REVIEWS.fqdn(), null),
                        org.assertj.core.groups.Tuple.tuple("ratings.shop.svc.cluster.local", null));
    }

    @Test
    void aResponseHeaderModifierOnABackendSetsThatDestinationsResponseHeaders() {
        HTTPRouteRule pinned = rule("v2");
        HTTPHeaderFilter set = new HTTPHeaderFilter();
        set.setSet(List.of(new HTTPHeader("set-cookie", "version=v2")));
        HTTPRouteFilter filter = new HTTPRouteFilter();
        filter.setType("ResponseHeaderModifier");
        filter.setResponseHeaderModifier(set);
        pinned.getBackendRefs().get(0).setFilters(List.of(filter));
        var destination = toIstio(mesh("reviews", null, pinned)).virtualServices().get(0).getSpec().getHttp().get(0)
                .getRoute().get(0);
        assertThat(destination.getDestination().getSubset()).isEqualTo("v2");
        assertThat(destination.getHeaders().getResponse().getSet()).isEqualTo(Map.of("set-cookie", "version=v2"));
    }

    @Test
    void aGatewayParentServesTheRouteHostnamesNarrowedToTheListener() {
        HTTPRoute route = Routes.route("shop", "shop-web", null, List.of("*.example.com"), rule("v2", prefix("/")));
        route.getSpec().setParentRefs(List.of(GatewayApiFixtures.gatewayParent("shop", "web")));
        HTTPRoute elsewhere = Routes.route("other", "other", null, List.of(), rule("v1"));
        elsewhere.getSpec().setParentRefs(List.of(GatewayApiFixtures.gatewayParent("shop", "web")));
        Gateway gateway = GatewayApiFixtures.gateway("shop", "web", "shop.example.com", null);
        IstioEquivalent istio = GatewayApiModel.toIstio(List.of(route, elsewhere), VERSIONS, List.of(gateway), REVIEWS);
        assertThat(istio.virtualServices()).hasSize(1); // "other" is not allowed: from Same namespace by default
        assertThat(istio.virtualServices().get(0).getSpec().getHosts()).containsExactly("shop.example.com");
        assertThat(istio.virtualServices().get(0).getSpec().getGateways()).containsExactly("shop/web");
        assertThat(istio.gateways().get(0).getSpec().getSelector())
                .isEqualTo(Map.of("gateway.networking.k8s.io/gateway-name", "web"));
        ServiceRoutes routes = RoutingModel.of(istio.virtualServices(), istio.destinationRules(), istio.gateways(),
                REVIEWS).service();
        assertThat(routes.entryPoints()).extracting(EntryPoint::key).contains("shop/web|shop.example.com");
        Resolution outside = RequestSimulator.simulate(SimulatedRequest.fromOutside("shop.example.com", "/"),
                istio.virtualServices(), istio.destinationRules(), istio.gateways(), REVIEWS, null);
        assertThat(versions(outside)).isEqualTo(Map.of("v2", 100));
    }

    @Test
    void aRequestRedirectAnswersTheRedirectNot500() {
        HTTPRouteRule redirect = new HTTPRouteRule();
        redirect.setMatches(List.of(prefix("/old")));
        HTTPRouteFilter filter = new HTTPRouteFilter();
        filter.setType("RequestRedirect");
        filter.setRequestRedirect(new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilterBuilder()
                .withNewPath().withType("ReplaceFullPath").withReplaceFullPath("/new").endPath().withStatusCode(301).build());
        redirect.setFilters(List.of(filter));
        Resolution r = get(List.of(mesh("reviews", null, redirect, rule("v1"))), "/old/page");
        assertThat(r.fixedResponse()).isEqualTo(new Resolution.FixedResponse(Resolution.FixedResponse.Kind.REDIRECT,
                301, "reviews/new"));
    }

    @Test
    void anOriginIsReadBackFromTheRuleName() {
        assertThat(GatewayApiModel.origin("shop/reviews#rule2.match1"))
                .contains(new GatewayApiModel.Origin("shop", "reviews", 2, 1));
        assertThat(GatewayApiModel.origin("my-rule")).isEmpty();
    }

    private static HTTPRoute mesh(String name, String created, HTTPRouteRule... rules) {
        HTTPRoute route = Routes.route("shop", name, created, List.of(), rules);
        route.getSpec().setParentRefs(List.of(RouteParents.serviceParent("reviews")));
        return route;
    }

    /** A rule to the version Service of {@code version}. */
    private static HTTPRouteRule rule(String version, HTTPRouteMatch... matches) {
        HTTPRouteRule rule = Routes.rule("reviews-" + version, matches);
        rule.getBackendRefs().get(0).setPort(9080);
        return rule;
    }

    private static HTTPBackendRef backend(String name, Integer weight) {
        HTTPBackendRef ref = new HTTPBackendRef();
        ref.setName(name);
        ref.setPort(9080);
        ref.setWeight(weight);
        return ref;
    }

    private static IstioEquivalent toIstio(HTTPRoute... routes) {
        return GatewayApiModel.toIstio(List.of(routes), VERSIONS, List.of(), REVIEWS);
    }

    private static ServiceRoutes service(HTTPRoute route) {
        IstioEquivalent istio = toIstio(route);
        return RoutingModel.of(istio.virtualServices(), istio.destinationRules(), istio.gateways(), REVIEWS).service();
    }

    private static List<String> meshRules(HTTPRoute route) {
        return service(route).mesh().rules().stream().map(EntryPoint.Rule::name).toList();
    }

    private static Resolution get(List<HTTPRoute> routes, String path) {
        return simulate(routes, SimulatedRequest.insideMesh("reviews", path));
    }

    private static Resolution simulate(List<HTTPRoute> routes, SimulatedRequest request) {
        return simulate(GatewayApiModel.toIstio(routes, VERSIONS, List.of(), REVIEWS), request);
    }

    private static Resolution simulate(IstioEquivalent istio, SimulatedRequest request) {
        return RequestSimulator.simulate(request, istio.virtualServices(), istio.destinationRules(), istio.gateways(),
                REVIEWS, null);
    }

    private static GatewayApiModel.Origin originOf(IstioEquivalent istio, Resolution r) {
        return GatewayApiModel.origin(istio.virtualServices().get(0).getSpec().getHttp().get(r.ruleIndex()).getName())
                .orElseThrow();
    }

    private static Map<String, Integer> versions(Resolution r) {
        return r.percentByVersion();
    }
}
