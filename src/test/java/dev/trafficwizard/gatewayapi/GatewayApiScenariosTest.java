package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Scenarios;
import dev.trafficwizard.routing.RoutingApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The seed's scenarios ({@link Scenarios}, the same plans the Istio tests route) written with the Gateway
 * API: representative requests resolved by {@link HttpRoutePrecedence} on the built route go where the
 * form promised, with the shares Istio gives them ({@code ScenarioSemanticsTest}). What Istio cannot do
 * with an HTTPRoute (hash keys for sticky sessions) is reported, by field.
 */
class GatewayApiScenariosTest {

    static RouteRequest get(String host, String path, String... header) {
        return new RouteRequest(host, path, "GET", header.length == 0 ? Map.of() : Map.of(header[0], header[1]),
                Map.of());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Scenarios.URI_PREFIX, get("shop.example", "/experimental/cart"), Map.of("experimental", 100)),
                Arguments.of(Scenarios.URI_PREFIX, get("shop.example", "/canary"), Map.of("experimental", 100)),
                Arguments.of(Scenarios.URI_PREFIX, get("shop.example", "/"), Map.of("original", 100)),
                // PathPrefix is segment-wise: Istio's prefix would send this one to experimental (a Difference)
                Arguments.of(Scenarios.URI_PREFIX, get("shop.example", "/canaryfoo"), Map.of("original", 100)),
                Arguments.of(Scenarios.SUBDOMAIN, get("experimental.fleetman.com", "/"), Map.of("experimental", 100)),
                Arguments.of(Scenarios.SUBDOMAIN, get("Fleetman.com:80", "/a"), Map.of("original", 100)),
                Arguments.of(Scenarios.HEADER, get("a.example", "/", "x-my-header", "canary"), Map.of("experimental", 100)),
                Arguments.of(Scenarios.HEADER, get("a.example", "/", "X-My-Header", "canary"), Map.of("experimental", 100)),
                Arguments.of(Scenarios.HEADER, get("a.example", "/", "x-my-header", "stable"), Map.of("original", 100)),
                Arguments.of(Scenarios.WEIGHTED_GATEWAY, get("a.example", "/"), Map.of("original", 90, "experimental", 10)),
                Arguments.of(Scenarios.STICKY_HEADER, get("fleetman-staff-service", "/", "x-myval", "42"),
                        Map.of("safe", 100)),
                Arguments.of(Scenarios.DARK_RELEASE, get("fleetman-staff-service", "/", "x-dark-release", "true"),
                        Map.of("risky", 100)),
                Arguments.of(Scenarios.DARK_RELEASE, get("fleetman-staff-service", "/", "x-dark-release", "yes"),
                        Map.of("safe", 100)),
                Arguments.of(Scenarios.DARK_RELEASE, get("fleetman-staff-service.default.svc.cluster.local", "/"),
                        Map.of("safe", 100)),
                Arguments.of(Scenarios.PINNED_VERSIONS, get("fleetman-staff-service", "/"), Map.of("safe", 90, "risky", 10)),
                Arguments.of(Scenarios.PINNED_VERSIONS, get("fleetman-staff-service", "/", "cookie", "tw-version=risky"),
                        Map.of("risky", 100)),
                Arguments.of(Scenarios.PINNED_VERSIONS,
                        get("fleetman-staff-service", "/", "Cookie", "lang=en; tw-version=safe; theme=dark"),
                        Map.of("safe", 100)),
                Arguments.of(Scenarios.PINNED_VERSIONS, get("fleetman-staff-service", "/", "cookie", "xtw-version=risky"),
                        Map.of("safe", 90, "risky", 10)),
                Arguments.of(Scenarios.HTTPS_GATEWAY, get("fleetman.com", "/"), Map.of("original", 100)),
                Arguments.of(Scenarios.HTTPS_GATEWAY, get("fleetman-webapp.default.svc.cluster.local", "/"),
                        Map.of("original", 100)));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("cases")
    void requestGoesWhereTheFormSaid(Scenarios.Scenario scenario, RouteRequest request, Map<String, Integer> shares) {
        Optional<RouteChoice> choice = HttpRoutePrecedence.resolve(translate(scenario).routes(), request);
        assertThat(choice).isPresent();
        assertThat(percentByVersion(choice.get(), scenario)).isEqualTo(shares);
    }

    @Test
    void theHttpsGatewayServesOnlyItsHost() {
        assertThat(HttpRoutePrecedence.resolve(translate(Scenarios.HTTPS_GATEWAY).routes(), get("other.com", "/")))
                .isEmpty();
    }

    @Test
    void whatIstioCannotDoWithAnHttpRouteIsReportedByField() {
        assertThat(translate(Scenarios.STICKY_HEADER).untranslatable()).extracting(Untranslatable::field)
                .containsExactly("stickySession.httpHeaderName");
        assertThat(translate(Scenarios.PINNED_VERSIONS).untranslatable()).extracting(Untranslatable::field)
                .containsExactly("stickySession.httpHeaderName");
        assertThat(translate(Scenarios.HTTPS_GATEWAY).untranslatable()).extracting(Untranslatable::field)
                .containsExactly("stickySession.httpCookie");
        assertThat(translate(Scenarios.STICKY_HEADER).untranslatable().get(0).reason())
                .contains("istio/istio#55839").contains("istio/istio#58708");
        for (Scenarios.Scenario s : List.of(Scenarios.URI_PREFIX, Scenarios.HEADER, Scenarios.WEIGHTED_GATEWAY,
                Scenarios.DARK_RELEASE)) {
            assertThat(translate(s).untranslatable()).as(s.name()).isEmpty();
        }
    }

    /** Istio answers 404 for a host of the gateway no subdomain row names, and the Gateway API too. */
    @Test
    void theSubdomainFormRoutesEachHostByARouteOfItsOwnAndNoOtherHost() {
        GatewayApiObjects objects = translate(Scenarios.SUBDOMAIN);
        assertThat(objects.untranslatable()).isEmpty();
        assertThat(objects.routes()).extracting(r -> r.getMetadata().getName(), r -> r.getSpec().getHostnames())
                .containsExactly(tuple("fleetman-webapp.fleetman.com", List.of("fleetman.com")),
                        tuple("fleetman-webapp", List.of("experimental.fleetman.com")));
        assertThat(objects.gateway().getSpec().getListeners()).extracting(l -> l.getHostname())
                .containsExactly("fleetman.com", "*.fleetman.com");
        assertThat(HttpRoutePrecedence.resolve(objects.routes(), get("other.fleetman.com", "/"))).isEmpty();
    }

    /** With a default version the other hosts of the gateway, and the mesh, follow the default rule. */
    @Test
    void subdomainRowsOutrankTheDefaultRouteForTheirHostsOnly() {
        GatewayApiObjects objects = GatewayApiForms.SUBDOMAIN_DEFAULT.translate();
        Scenarios.Scenario s = new Scenarios.Scenario("subdomain-default", Scenarios.WEBAPP,
                GatewayApiForms.SUBDOMAIN_DEFAULT.plan(), GatewayApiForms.SUBDOMAIN_DEFAULT.form());
        Map<String, Map<String, Integer>> expected = Map.of(
                "beta.fleetman.com", Map.of("experimental", 100),
                "fleetman.com", Map.of("original", 100),
                "x.fleetman.com", Map.of("original", 80, "experimental", 20),
                "fleetman-webapp.default.svc.cluster.local", Map.of("original", 80, "experimental", 20));
        expected.forEach((host, shares) -> assertThat(percentByVersion(HttpRoutePrecedence.resolve(objects.routes(),
                get(host, "/")).orElseThrow(), s)).as(host).isEqualTo(shares));
    }

    static GatewayApiObjects translate(Scenarios.Scenario s) {
        return GatewayApiTranslator.translate(s.plan().withApi(RoutingApi.GATEWAY_API), s.target(),
                Map.of("app", s.target().name()), GatewayApiPlans.ports(80), s.form());
    }

    /** The share each version gets of the chosen rule, rounded as the Istio simulator rounds. */
    static Map<String, Integer> percentByVersion(RouteChoice choice, Scenarios.Scenario s) {
        int total = choice.backends().stream().mapToInt(RouteChoice.Backend::weight).sum();
        Map<String, Integer> out = new LinkedHashMap<>();
        String prefix = s.target().name() + "-";
        for (RouteChoice.Backend b : choice.backends()) {
            if (b.weight() > 0) {
                out.merge(b.name().substring(prefix.length()), Math.round(100f * b.weight() / total), Integer::sum);
            }
        }
        return out;
    }
}
