package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trafficwizard.gatewayapi.Routes.exact;
import static dev.trafficwizard.gatewayapi.Routes.header;
import static dev.trafficwizard.gatewayapi.Routes.method;
import static dev.trafficwizard.gatewayapi.Routes.prefix;
import static dev.trafficwizard.gatewayapi.Routes.query;
import static dev.trafficwizard.gatewayapi.Routes.route;
import static dev.trafficwizard.gatewayapi.Routes.rule;
import static org.assertj.core.api.Assertions.assertThat;

/** Each tie-break of the Gateway API's match precedence, each set up so list order alone would pick the loser. */
class HttpRoutePrecedenceTest {

    private static String winner(List<HTTPRoute> routes, RouteRequest request) {
        Optional<RouteChoice> choice = HttpRoutePrecedence.resolve(routes, request);
        assertThat(choice).as("some match").isPresent();
        return choice.get().backends().get(0).name();
    }

    private static String winner(RouteRequest request, HTTPRouteRule... rules) {
        return winner(List.of(route("r", rules)), request);
    }

    private static RouteRequest request(String path, String method, Map<String, String> headers,
                                        Map<String, String> query) {
        return new RouteRequest("shop.example.com", path, method, headers, query);
    }

    @Test
    void anExactPathBeatsAPrefixListedBeforeIt() {
        assertThat(winner(RouteRequest.get("h", "/api"), rule("prefix", prefix("/api")), rule("exact", exact("/api"))))
                .isEqualTo("exact");
    }

    @Test
    void theLongerPrefixWins() {
        assertThat(winner(RouteRequest.get("h", "/api/v2/x"), rule("short", prefix("/api")),
                rule("long", prefix("/api/v2")))).isEqualTo("long");
    }

    @Test
    void aMethodMatchBeatsNoMethod() {
        assertThat(winner(request("/a", "POST", Map.of(), Map.of()), rule("any", prefix("/a")),
                rule("post", method(prefix("/a"), "POST")))).isEqualTo("post");
    }

    @Test
    void moreHeaderMatchesWin() {
        RouteRequest req = request("/", "GET", Map.of("x-a", "1", "x-b", "2"), Map.of());
        assertThat(winner(req, rule("one", header(prefix("/"), "x-a", "1")),
                rule("two", header(header(prefix("/"), "x-a", "1"), "x-b", "2")))).isEqualTo("two");
    }

    @Test
    void moreQueryParamMatchesWin() {
        RouteRequest req = request("/", "GET", Map.of(), Map.of("a", "1", "b", "2"));
        assertThat(winner(req, rule("one", query(prefix("/"), "a", "1")),
                rule("two", query(query(prefix("/"), "a", "1"), "b", "2")))).isEqualTo("two");
    }

    @Test
    void theOlderRouteWinsATieAcrossRoutes() {
        HTTPRoute young = route("shop", "a-young", "2026-03-01T00:00:00Z", List.of(), rule("young", prefix("/")));
        HTTPRoute old = route("shop", "z-old", "2025-03-01T00:00:00Z", List.of(), rule("old", prefix("/")));
        assertThat(winner(List.of(young, old), RouteRequest.get("h", "/x"))).isEqualTo("old");
    }

    @Test
    void sameAgeFallsBackToNamespaceThenName() {
        String t = "2026-01-01T00:00:00Z";
        HTTPRoute b = route("shop", "b", t, List.of(), rule("shop/b", prefix("/")));
        HTTPRoute a = route("shop", "a", t, List.of(), rule("shop/a", prefix("/")));
        HTTPRoute other = route("zoo", "a", t, List.of(), rule("zoo/a", prefix("/")));
        assertThat(winner(List.of(other, b, a), RouteRequest.get("h", "/"))).isEqualTo("shop/a");
        HTTPRoute early = route("alpha", "z", t, List.of(), rule("alpha/z", prefix("/")));
        assertThat(winner(List.of(other, b, a, early), RouteRequest.get("h", "/"))).isEqualTo("alpha/z");
    }

    @Test
    void withinARouteTheFirstRuleWinsATie() {
        RouteChoice choice = HttpRoutePrecedence.resolve(List.of(route("r", rule("first", prefix("/a")),
                rule("second", prefix("/a")))), RouteRequest.get("h", "/a")).orElseThrow();
        assertThat(choice.ruleIndex()).isZero();
        assertThat(choice.backends().get(0).name()).isEqualTo("first");
    }

    @Test
    void withinARuleTheFirstEqualMatchWins() {
        RouteChoice choice = HttpRoutePrecedence.resolve(List.of(route("r", rule("only",
                header(prefix("/"), "x-a", "1"), header(prefix("/"), "x-b", "1")))),
                request("/", "GET", Map.of("x-a", "1", "x-b", "1"), Map.of())).orElseThrow();
        assertThat(choice.matchIndex()).isZero();
        RouteChoice better = HttpRoutePrecedence.resolve(List.of(route("r", rule("only",
                prefix("/"), exact("/")))), RouteRequest.get("h", "/")).orElseThrow();
        assertThat(better.matchIndex()).as("a better match later in the rule still wins").isEqualTo(1);
    }

    @Test
    void aPrefixMatchesWholeSegmentsOnly() {
        HTTPRoute r = route("r", rule("canary", prefix("/canary")), rule("rest", prefix("/")));
        assertThat(winner(List.of(r), RouteRequest.get("h", "/canary"))).isEqualTo("canary");
        assertThat(winner(List.of(r), RouteRequest.get("h", "/canary/"))).isEqualTo("canary");
        assertThat(winner(List.of(r), RouteRequest.get("h", "/canary/x?y=1"))).isEqualTo("canary");
        assertThat(winner(List.of(r), RouteRequest.get("h", "/canaryfoo"))).isEqualTo("rest");
        HTTPRoute slash = route("r", rule("canary", prefix("/canary/")), rule("rest", prefix("/")));
        assertThat(winner(List.of(slash), RouteRequest.get("h", "/canary"))).as("trailing slash ignored")
                .isEqualTo("canary");
        assertThat(winner(List.of(slash), RouteRequest.get("h", "/canaryfoo"))).isEqualTo("rest");
    }

    @Test
    void aTrailingSlashDoesNotMakeAPrefixLonger() {
        assertThat(winner(RouteRequest.get("h", "/canary/x"), rule("slash", prefix("/canary/")),
                rule("plain", prefix("/canary")))).as("equal after trimming: rule order decides").isEqualTo("slash");
        assertThat(winner(RouteRequest.get("h", "/canary/x"), rule("plain", prefix("/canary")),
                rule("slash", prefix("/canary/")))).isEqualTo("plain");
    }

    @Test
    void headerNamesMatchInAnyCase() {
        HTTPRoute r = route("r", rule("beta", header(prefix("/"), "X-User", "beta")), rule("rest", prefix("/")));
        assertThat(winner(List.of(r), request("/", "GET", Map.of("x-user", "beta"), Map.of()))).isEqualTo("beta");
        assertThat(winner(List.of(r), request("/", "GET", Map.of("X-USER", "beta"), Map.of()))).isEqualTo("beta");
        assertThat(winner(List.of(r), request("/", "GET", Map.of("x-user", "Beta"), Map.of())))
                .as("values are case-sensitive").isEqualTo("rest");
    }

    @Test
    void regularExpressionsMatchTheWholeValue() {
        HTTPRoute r = route("r", rule("re", header(Routes.path("RegularExpression", "/v[0-9]+/.*"),
                "RegularExpression", "x-id", "[a-f]+")), rule("other", prefix("/other")));
        assertThat(winner(List.of(r), request("/v2/x", "GET", Map.of("x-id", "beef"), Map.of()))).isEqualTo("re");
        RouteRequest partialHeader = request("/v2/x", "GET", Map.of("x-id", "beefy"), Map.of());
        assertThat(HttpRoutePrecedence.resolve(List.of(r), partialHeader)).isEmpty();
        RouteRequest partialPath = request("/api/v2/x", "GET", Map.of("x-id", "beef"), Map.of());
        assertThat(HttpRoutePrecedence.resolve(List.of(r), partialPath)).isEmpty();
    }

    @Test
    void aRegexPathRanksAfterEveryPrefixAsIstioOrdersIt() {
        HTTPRoute r = route("r", rule("re", Routes.path("RegularExpression", "/v[0-9]+/.*")),
                rule("root", prefix("/")));
        assertThat(winner(List.of(r), RouteRequest.get("h", "/v2/x"))).isEqualTo("root");
    }

    @Test
    void aRuleWithoutMatchesRanksAfterEveryMatchAsIstioSortsIt() {
        String t = "2026-01-01T00:00:00Z";
        HTTPRoute old = route("shop", "a-old", "2020-01-01T00:00:00Z", List.of(), rule("catch-all"),
                rule("re", Routes.path("RegularExpression", "/v[0-9]+/.*")));
        HTTPRoute newer = route("shop", "b-new", t, List.of(), rule("root", prefix("/")));
        assertThat(winner(List.of(old), RouteRequest.get("h", "/v2/x"))).isEqualTo("re");
        assertThat(winner(List.of(old, newer), RouteRequest.get("h", "/x")))
                .as("Istio sorts a rule without match after an explicit PathPrefix / of a newer route").isEqualTo("root");
        assertThat(winner(List.of(old), RouteRequest.get("h", "/x"))).isEqualTo("catch-all");
    }

    @Test
    void theMostSpecificHostnameWinsBeforePaths() {
        String t = "2026-01-01T00:00:00Z";
        HTTPRoute any = route("shop", "a-any", "2020-01-01T00:00:00Z", List.of(), rule("any", exact("/x")));
        HTTPRoute wild = route("shop", "b-wild", t, List.of("*.example.com"), rule("wild", prefix("/")));
        HTTPRoute exactHost = route("shop", "c-exact", t, List.of("shop.example.com"), rule("exact", prefix("/")));
        assertThat(winner(List.of(any, wild, exactHost), RouteRequest.get("Shop.Example.com:8080", "/x")))
                .isEqualTo("exact");
        assertThat(winner(List.of(any, wild, exactHost), RouteRequest.get("a.b.example.com", "/x")))
                .isEqualTo("wild");
        assertThat(winner(List.of(any, wild, exactHost), RouteRequest.get("example.com", "/x")))
                .as("*.example.com does not match example.com").isEqualTo("any");
        HTTPRoute longWild = route("shop", "d", t, List.of("*.b.example.com"), rule("longer wild", prefix("/")));
        assertThat(winner(List.of(wild, longWild), RouteRequest.get("a.b.example.com", "/"))).isEqualTo("longer wild");
    }

    @Test
    void noMatchIsNone() {
        HTTPRoute r = route("shop", "r", null, List.of("shop.example.com"), rule("a", exact("/a")));
        assertThat(HttpRoutePrecedence.resolve(List.of(r), RouteRequest.get("shop.example.com", "/b"))).isEmpty();
        assertThat(HttpRoutePrecedence.resolve(List.of(r), RouteRequest.get("other.example.com", "/a"))).isEmpty();
        assertThat(HttpRoutePrecedence.resolve(List.of(), RouteRequest.get("h", "/"))).isEmpty();
    }

    @Test
    void aRuleWithoutMatchesCatchesEverythingAndBackendsCarryDefaults() {
        HTTPRouteRule catchAll = rule("main");
        HTTPBackendRef canary = new HTTPBackendRef();
        canary.setName("canary");
        canary.setNamespace("other");
        canary.setPort(8080);
        canary.setWeight(10);
        catchAll.getBackendRefs().add(canary);
        RouteChoice choice = HttpRoutePrecedence.resolve(List.of(route("r", rule("api", exact("/api")), catchAll)),
                RouteRequest.get("h", "/anything/at/all")).orElseThrow();
        assertThat(choice).isEqualTo(new RouteChoice("shop", "r", 1, 0, List.of(
                new RouteChoice.Backend("Service", "shop", "main", null, 1),
                new RouteChoice.Backend("Service", "other", "canary", 8080, 10))));
    }

    @Test
    void aDuplicateHeaderNameCountsOnceAndOnlyTheFirstApplies() {
        HTTPRouteMatch dup = header(header(prefix("/"), "x-a", "1"), "X-A", "2");
        HTTPRoute r = route("r", rule("dup", dup), rule("two", header(header(prefix("/"), "x-a", "1"), "x-b", "1")));
        assertThat(winner(List.of(r), request("/", "GET", Map.of("x-a", "1", "x-b", "1"), Map.of())))
                .isEqualTo("two");
        assertThat(winner(List.of(r), request("/", "GET", Map.of("x-a", "1"), Map.of()))).isEqualTo("dup");
    }
}
