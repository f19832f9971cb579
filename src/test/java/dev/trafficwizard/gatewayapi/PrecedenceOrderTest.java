package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import org.junit.jupiter.api.Test;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import static dev.trafficwizard.gatewayapi.GatewayApiPlans.header;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.to;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.uri;
import static org.assertj.core.api.Assertions.assertThat;

class PrecedenceOrderTest {

    private static RoutingPlan plan(Rule... rules) {
        return new RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(rules), null);
    }

    private static Rule rule(String version, MatchCondition... match) {
        return new Rule(List.of(match), to(version));
    }

    private static StringMatch prefix(String value) {
        return new StringMatch(null, value, null);
    }

    private static StringMatch exact(String value) {
        return new StringMatch(value, null, null);
    }

    @Test
    void aPrefixBeforeAnExactPathItCoversIsReordered() {
        RoutingPlan plan = plan(rule("v1", uri(prefix("/api"))), rule("v2", uri(exact("/api/orders"))), rule("v1"));
        assertThat(PrecedenceOrder.differences(plan)).containsExactly(new PrecedenceOrder.Reordered(0, 1));
    }

    @Test
    void aShorterPrefixBeforeALongerOneIsReordered() {
        RoutingPlan plan = plan(rule("v1", uri(prefix("/api"))), rule("v2", uri(prefix("/api/v2"))));
        assertThat(PrecedenceOrder.differences(plan)).containsExactly(new PrecedenceOrder.Reordered(0, 1));
    }

    @Test
    void moreHeadersOrAMethodLaterTakePrecedence() {
        MatchCondition twoHeaders = new MatchCondition(null, Map.of("x-a", exact("1"), "x-b", exact("1")), null,
                null, Map.of());
        assertThat(PrecedenceOrder.differences(plan(rule("v1", header("x-a", exact("1"))), rule("v2", twoHeaders))))
                .containsExactly(new PrecedenceOrder.Reordered(0, 1));
        MatchCondition post = new MatchCondition(prefix("/"), Map.of(), null, exact("POST"), Map.of());
        assertThat(PrecedenceOrder.differences(plan(rule("v1", uri(prefix("/"))), rule("v2", post))))
                .containsExactly(new PrecedenceOrder.Reordered(0, 1));
    }

    @Test
    void aRegexBeforeAPrefixItOverlapsIsReordered() {
        RoutingPlan plan = plan(rule("v2", uri(new StringMatch(null, null, "/api/.*"))), rule("v1", uri(prefix("/api"))));
        assertThat(PrecedenceOrder.differences(plan)).containsExactly(new PrecedenceOrder.Reordered(0, 1));
    }

    @Test
    void rulesThatDoNotOverlapOrAreAlreadyInPrecedenceOrderAreNot() {
        assertThat(PrecedenceOrder.differences(plan(rule("v2", uri(exact("/api/orders"))), rule("v1", uri(prefix("/api"))),
                rule("v1")))).isEmpty();
        assertThat(PrecedenceOrder.differences(plan(rule("v1", uri(prefix("/a"))), rule("v2", uri(exact("/b")))))).isEmpty();
        MatchCondition otherValue = new MatchCondition(null, Map.of("x-a", exact("2"), "x-b", exact("1")), null,
                null, Map.of());
        assertThat(PrecedenceOrder.differences(plan(rule("v1", header("x-a", exact("1"))), rule("v2", otherValue))))
                .as("no request has x-a both 1 and 2").isEmpty();
        assertThat(PrecedenceOrder.differences(plan(rule("v1", header("x-a", exact("1"))),
                rule("v2", header("x-a", exact("2")), header("x-b", exact("1")))))).as("one header each: list order")
                .isEmpty();
        assertThat(PrecedenceOrder.differences(GatewayApiPlans.WEBAPP_HEADER)).isEmpty();
        assertThat(PrecedenceOrder.differences(GatewayApiPlans.STAFF_90_10)).isEmpty();
    }

    @Test
    void aCatchAllFirstIsReorderedAfterEveryRuleWithMatches() {
        RoutingPlan plan = plan(rule("v1"), rule("v1", uri(prefix("/api"))), rule("v2", uri(exact("/api/orders"))));
        assertThat(PrecedenceOrder.differences(plan)).containsExactly(new PrecedenceOrder.Reordered(0, 1),
                new PrecedenceOrder.Reordered(0, 2));
    }

    @Test
    void theWarningNamesTheLaterRuleFirstNumberedFromOne() {
        RoutingPlan plan = plan(rule("v1", uri(prefix("/api"))), rule("v2", uri(exact("/api/orders"))), rule("v1"));
        List<Diagnostic> diagnostics = PrecedenceOrder.diagnostics(plan);
        assertThat(diagnostics).hasSize(1);
        Diagnostic d = diagnostics.get(0);
        assertThat(d.is(DiagnosticCode.GATEWAY_API_ORDER)).isTrue();
        assertThat(d.isError()).isFalse();
        assertThat(d.path()).isEqualTo("rules[1]");
        String text = MessageFormat.format(ResourceBundle.getBundle("messages", Locale.ROOT).getString(d.messageKey()),
                d.args().toArray());
        assertThat(text).startsWith("Under the Gateway API, rule 2 takes precedence over rule 1 for requests both match");
    }
}
