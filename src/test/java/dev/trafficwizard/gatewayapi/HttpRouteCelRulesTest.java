package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.trafficwizard.gatewayapi.GatewayApiPlans.STAFF;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.STAFF_90_10;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.WEBAPP;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.to;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.uri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits the HTTPRoute CRD states outside plain types: the weight range (an OpenAPI minimum and
 * maximum, checked by the schema) and the x-kubernetes-validations CEL rules that apply to what the
 * translator writes, which a JSON Schema validator does not run.
 */
class HttpRouteCelRulesTest {

    private static HTTPRoute staffRoute() {
        return HttpRouteBuilder.build(STAFF_90_10, STAFF, 8080).route();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1_000_000})
    void aWeightFromZeroToAMillionIsAccepted(int weight) {
        HTTPRoute route = staffRoute();
        route.getSpec().getRules().get(0).getBackendRefs().get(0).setWeight(weight);
        assertThat(GatewayApiSchemas.validate(route)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_001})
    void aWeightOutsideZeroToAMillionIsRefused(int weight) {
        HTTPRoute route = staffRoute();
        route.getSpec().getRules().get(0).getBackendRefs().get(0).setWeight(weight);
        assertThat(GatewayApiSchemas.validate(route)).isNotEmpty();
    }

    @Test
    void anUnknownFieldIsRefusedBecauseTheApiServerWouldPruneIt() {
        HTTPRoute route = Serialization.clone(staffRoute());
        route.getSpec().getRules().get(0).getAdditionalProperties().put("weights", 3);
        assertThat(GatewayApiSchemas.validate(route)).isNotEmpty();
    }

    @Test
    void aServiceBackendWithoutAPortBreaksTheCelRule() {
        HTTPRoute route = staffRoute();
        route.getSpec().getRules().get(0).getBackendRefs().get(1).setPort(null);
        assertThat(HttpRouteCelRules.violations(route))
                .containsExactly("spec.rules[0].backendRefs: Must have port for Service reference");
    }

    @ParameterizedTest
    @ValueSource(strings = {"canary", "/a//b", "/a/./b", "/a/../b", "/a%2fb", "/a%2Fb", "/a#b", "/a/..", "/a/.",
            "/a b", "/caf\u00e9"})
    void pathValuesTheCrdRefusesAreReportedNotWritten(String path) {
        assertThat(PathValues.problem(path)).isPresent();
        var plan = new dev.trafficwizard.routing.RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(
                new dev.trafficwizard.routing.Rule(List.of(uri(new dev.trafficwizard.routing.StringMatch(null, path,
                        null))), to("experimental"))), null);
        HttpRouteBuilder.Translation translation = HttpRouteBuilder.build(plan, WEBAPP, 80);
        assertThat(translation.untranslatable()).extracting(Untranslatable::field)
                .containsExactly("rules[0].match[0].uri");
        assertThat(HttpRouteCelRules.violations(translation.route())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/canary", "/api/v1/items", "/a%20b", "/~user/x:y@z", "/a.b/c"})
    void pathValuesTheCrdAcceptsAreWritten(String path) {
        assertThat(PathValues.problem(path)).isEmpty();
    }

    @Test
    void moreThanOneHundredTwentyEightMatchesInAllAreReported() {
        List<dev.trafficwizard.routing.Rule> rules = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<dev.trafficwizard.routing.MatchCondition> matches = new java.util.ArrayList<>();
            for (int j = 0; j < 43; j++) {
                matches.add(uri(new dev.trafficwizard.routing.StringMatch(null, "/p" + i + "-" + j, null)));
            }
            rules.add(new dev.trafficwizard.routing.Rule(matches, to("experimental")));
        }
        var plan = new dev.trafficwizard.routing.RoutingPlan("default", "fleetman-webapp", List.of(), null, rules, null);
        HttpRouteBuilder.Translation translation = HttpRouteBuilder.build(plan, WEBAPP, 80);
        assertThat(translation.untranslatable()).extracting(Untranslatable::field).containsExactly("rules");
        assertThat(translation.untranslatable().get(0).reason()).contains("128").contains("129");
        // 43 * 3 = 129; each rule's 43 stays within the schema's 64 per rule
        assertThat(GatewayApiSchemas.validate(translation.route())).isEmpty();
        var fewer = new dev.trafficwizard.routing.RoutingPlan("default", "fleetman-webapp", List.of(), null,
                rules.subList(0, 2), null);
        assertThat(HttpRouteBuilder.build(fewer, WEBAPP, 80).untranslatable()).isEmpty();
    }

    @Test
    void seventeenBackendsInARuleAreReportedAndTheSchemaRefusesThem() {
        List<dev.trafficwizard.routing.WeightedDestination> route = new java.util.ArrayList<>();
        for (int i = 0; i < 17; i++) {
            route.add(new dev.trafficwizard.routing.WeightedDestination("v" + i, 1));
        }
        var plan = dev.trafficwizard.routing.RoutingPlan.weighted("default", "fleetman-webapp", route);
        HttpRouteBuilder.Translation translation = HttpRouteBuilder.build(plan, WEBAPP, 80);
        assertThat(translation.untranslatable()).extracting(Untranslatable::field).containsExactly("rules[0].route");
        assertThat(GatewayApiSchemas.validate(translation.route())).isNotEmpty();
    }
}
