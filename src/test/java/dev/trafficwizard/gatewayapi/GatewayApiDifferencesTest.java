package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.gatewayapi.GatewayApiPlans.WEBAPP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a plan translates but the Gateway API routes it otherwise than Istio: PathPrefix works on whole
 * segments, and rules are ranked by their matches instead of taken in order. Each note is checked against
 * what {@link HttpRoutePrecedence} does with the route.
 */
class GatewayApiDifferencesTest {

    private static GatewayApiObjects translate(Rule... rules) {
        RoutingPlan plan = new RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(rules), null);
        return GatewayApiTranslator.translate(plan, WEBAPP, Map.of("app", "fleetman-webapp"), GatewayApiPlans.ports(80),
                FormKind.URI);
    }

    private static Rule rule(MatchCondition match, String version) {
        return new Rule(match == null ? List.of() : List.of(match), List.of(new WeightedDestination(version, 100)));
    }

    private static MatchCondition path(StringMatch uri) {
        return new MatchCondition(uri, Map.of(), null, null, Map.of());
    }

    private static MatchCondition header(String name, String value, String method) {
        return new MatchCondition(null, Map.of(name, new StringMatch(value, null, null)), null,
                method == null ? null : new StringMatch(method, null, null), Map.of());
    }

    private static String backend(GatewayApiObjects objects, RouteRequest request) {
        return HttpRoutePrecedence.resolve(List.of(objects.route()), request).orElseThrow().backends().get(0).name();
    }

    @Test
    void aUriPrefixMatchesWholeSegmentsAndSaysSo() {
        GatewayApiObjects objects = translate(rule(path(new StringMatch(null, "/canary", null)), "experimental"),
                rule(path(new StringMatch(null, "/", null)), "original"), rule(null, "original"));
        assertThat(objects.untranslatable()).isEmpty();
        assertThat(objects.differences()).extracting(Difference::field).containsExactly("rules[0].match[0].uri");
        assertThat(objects.differences().get(0).reason()).contains("whole path segments").contains("/canaryx");
        assertThat(backend(objects, RouteRequest.get("a", "/canary/x"))).isEqualTo("fleetman-webapp-experimental");
        assertThat(backend(objects, RouteRequest.get("a", "/canaryfoo"))).isEqualTo("fleetman-webapp-original");
    }

    @Test
    void aLongerPrefixAfterAShorterOneIsLeftToPrecedenceOrderAndRoutesByPrecedence() {
        GatewayApiObjects objects = translate(rule(path(new StringMatch(null, "/api", null)), "original"),
                rule(path(new StringMatch(null, "/api/v2", null)), "experimental"), rule(null, "original"));
        // the reordering itself is PrecedenceOrder's warning (GATEWAY_API_ORDER), not a difference of the translation
        assertThat(objects.differences()).extracting(Difference::field)
                .containsExactly("rules[0].match[0].uri", "rules[1].match[0].uri");
        // Istio would take rules[0] (original) for this request
        assertThat(backend(objects, RouteRequest.get("a", "/api/v2/items"))).isEqualTo("fleetman-webapp-experimental");
    }

    @Test
    void onlyUriPrefixesAreDifferencesOfTheTranslation() {
        assertThat(translate(rule(header("x-tier", "gold", null), "experimental"),
                rule(header("x-tier", "silver", "GET"), "original"), rule(null, "original")).differences()).isEmpty();
        assertThat(translate(rule(path(new StringMatch(null, "/a", null)), "experimental"),
                rule(path(new StringMatch("/b/c", null, null)), "original"), rule(null, "experimental"))
                .differences()).extracting(Difference::field).containsExactly("rules[0].match[0].uri");
        // the header and dark release forms: one header per rule, then the catch-all
        assertThat(translate(rule(header("x-my-header", "canary", null), "experimental"), rule(null, "original"))
                .differences()).isEmpty();
    }
}
