package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.gatewayapi.GatewayApiPlans.STAFF;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.STAFF_90_10;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.WEBAPP;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.WEBAPP_HEADER;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.to;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.versionServices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What has no Gateway API equivalent is reported by field; what a form cannot express is not read. */
class HttpRouteLimitsTest {

    @Test
    void matchPartsWithoutAGatewayApiEquivalentAreReportedByField() {
        MatchCondition m = new MatchCondition(null, Map.of("x-user", new StringMatch(null, "beta", null),
                "x-any", new StringMatch(null, null, null), "X-OK", new StringMatch("1", null, null),
                "@request.auth.claims.group", new StringMatch("beta", null, null)),
                new StringMatch("shop.example.com", null, null), new StringMatch(null, null, "GET|POST"),
                Map.of("q", new StringMatch(null, "a", null)));
        RoutingPlan plan = new RoutingPlan("default", "fleetman-webapp", List.of(), null,
                List.of(new Rule(List.of(m), to("experimental"))), null);
        HttpRouteBuilder.Translation t = HttpRouteBuilder.build(plan, WEBAPP, 80);
        assertThat(t.untranslatable()).extracting(Untranslatable::field).containsExactlyInAnyOrder(
                "rules[0].match[0].authority", "rules[0].match[0].method", "rules[0].match[0].queryParams.q",
                "rules[0].match[0].headers.@request.auth.claims.group");
        assertThat(t.untranslatable()).allSatisfy(u -> assertThat(u.reason()).isNotBlank());
        HTTPRouteMatch written = t.route().getSpec().getRules().get(0).getMatches().get(0);
        // a header prefix and "present" become RE2 regexes Istio matches against the whole value
        assertThat(written.getHeaders()).extracting(h -> h.getName(), h -> h.getType(), h -> h.getValue())
                .containsExactly(tuple("x-ok", "Exact", "1"), tuple("x-any", "RegularExpression", ".*"),
                        tuple("x-user", "RegularExpression", "^beta.*"));
        assertThat(GatewayApiSchemas.validate(t.route())).isEmpty();
    }

    @Test
    void stickyHashKeysAndOtherMeshHostsAreReported() {
        RoutingPlan plan = new RoutingPlan("default", "fleetman-staff-service", List.of("staff.example.com"),
                null, STAFF_90_10.rules(), new StickySession("x-user", null, null, null));
        assertThat(HttpRouteBuilder.build(plan, STAFF, 8080).untranslatable()).extracting(Untranslatable::field)
                .containsExactly("hosts", "stickySession.httpHeaderName");
    }

    @Test
    void regexAndMethodAndQueryMatchesTranslateAndReadBack() {
        MatchCondition m = new MatchCondition(new StringMatch(null, null, "/api/v[0-9]+/.*"),
                Map.of("x-user", new StringMatch(null, null, "beta-.*")), null, new StringMatch("GET", null, null),
                Map.of("tier", new StringMatch("gold", null, null)));
        RoutingPlan plan = new RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(
                new Rule(List.of(m), to("experimental")), new Rule(List.of(), to("original"))), null);
        HttpRouteBuilder.Translation t = HttpRouteBuilder.build(plan, WEBAPP, 80);
        assertThat(t.untranslatable()).isEmpty();
        assertThat(GatewayApiSchemas.validate(t.route())).isEmpty();
        assertThat(HttpRouteParser.parse(t.route(), versionServices(WEBAPP, 80, "original", "experimental"), WEBAPP))
                .contains(plan);
    }

    @Test
    void whatAFormCannotExpressIsNotRead() {
        HTTPRoute route = HttpRouteBuilder.build(STAFF_90_10, STAFF, 8080).route();
        var services = versionServices(STAFF, 8080, "safe", "risky");
        assertThat(HttpRouteParser.parse(route, services, STAFF)).contains(STAFF_90_10);

        HTTPRoute filtered = Serialization.clone(route);
        filtered.getSpec().getRules().get(0).setFilters(List.of(new HTTPRouteFilter()));
        assertThat(HttpRouteParser.parse(filtered, services, STAFF)).isEmpty();

        HTTPRoute withHostnames = Serialization.clone(route);
        withHostnames.getSpec().setHostnames(List.of("staff.example.com"));
        assertThat(HttpRouteParser.parse(withHostnames, services, STAFF)).isEmpty();

        HTTPRoute otherParent = Serialization.clone(route);
        otherParent.getSpec().getParentRefs().get(0).setName("fleetman-webapp");
        assertThat(HttpRouteParser.parse(otherParent, services, STAFF)).isEmpty();

        // a backend that is no version Service of ours (here: its Service is missing)
        assertThat(HttpRouteParser.parse(route, versionServices(STAFF, 8080, "safe"), STAFF)).isEmpty();

        HTTPRoute prefixHeader = HttpRouteBuilder.build(WEBAPP_HEADER, WEBAPP, 80).route();
        prefixHeader.getSpec().getRules().get(0).getMatches().get(0).getHeaders().get(0).setType("Prefix");
        assertThat(HttpRouteParser.parse(prefixHeader, versionServices(WEBAPP, 80, "original", "experimental"),
                WEBAPP)).isEmpty();
    }
}
