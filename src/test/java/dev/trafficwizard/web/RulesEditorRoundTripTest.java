package dev.trafficwizard.web;

import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #16: every rule shape the plan model has fills the rules editor and comes back unchanged
 * (FormReader → the editor's form → FormPlans), and quick starts refuse plans they would change.
 */
class RulesEditorRoundTripTest {

    private static final List<String> VERSIONS = List.of("v1", "v2", "v3");

    static Stream<RoutingPlan> plans() {
        return Stream.of(
                plan(rule(List.of(), d("v1", 90), d("v2", 10))),
                plan(rule(List.of(), d("v1", 100), d("v2", 0))),
                plan(rule(List.of(header("x-beta", exact("true"))), d("v2", null)), rule(List.of(), d("v1", null))),
                plan(rule(List.of(header("x-beta", exact("true"))), d("v2", 100)), rule(List.of(), d("v1", null))),
                plan(rule(List.of(new MatchCondition(new StringMatch(null, "/api", null),
                                        map("x-a", new StringMatch(null, null, "a.*"), "x-b", exact("1")),
                                        new StringMatch("shop.example.com", null, null), exact("GET"),
                                        map("user", exact("tester")), map("x-off", new StringMatch(null, null, null)),
                                        8080, Map.of("app", "frontend")),
                                new MatchCondition(null, null, null, null, null)),
                        d("v2", 50), d("v3", 50)), rule(List.of(), d("v1", null))),
                plan(new Rule(List.of(header("x-beta", exact("true"))), List.of(d("v1", 90), d("v2", 10)),
                        new Mirror("v3", 0.5), new Fault(new Fault.Delay("2s", 5.0), new Fault.Abort(503, 1.0)), "2s",
                        new Retries(3, "500ms", "5xx,connect-failure,503"),
                        new HeaderChanges(new HeaderChanges.Operations(Map.of("x-env", "canary"), Map.of("x-add", "1"),
                                List.of("x-drop")), new HeaderChanges.Operations(Map.of("x-served", "v2"), null, null))),
                        new Rule(List.of(), List.of(d("v1", 90), d("v2", 10)), new Mirror("v3", null),
                                new Fault(null, new Fault.Abort(500, null)), null, new Retries(0, null, null), null)),
                plan(new Rule(List.of(), List.of(d("v1", null)), null, null, null,
                        new Retries(2, null, "reset,5xx"), null)),
                plan(new Rule(List.of(), List.of(d("v1", null)), null, null, null,
                        new Retries(null, null, "5xx,gateway-error,retriable-status-codes,503,504"), null)),
                plan(rule(List.of(), d("v1", null)), rule(List.of(header("x-late", exact("1"))), d("v2", null))),
                new RoutingPlan("default", "reviews", List.of("reviews.example.com"),
                        new GatewayPlan("reviews-gateway", true, List.of("example.com", "*.example.com"), 80, true, null),
                        List.of(rule(List.of(new MatchCondition(null, null, exact("a.example.com"), null, null)),
                                d("v2", null))), null, "istio", new TrafficPolicy(null, null, null, null), null),
                plan(rule(List.of(), d("v1", 50), d("v2", 50))).withPolicies(new TrafficPolicy(null, null, null, null), null),
                new RoutingPlan("default", "reviews", List.of(), null, List.of(rule(List.of(), d("v1", 50), d("v2", 50))),
                        new StickySession(null, null, null, null, "tw-version"),
                        null, new TrafficPolicy(null, new TrafficPolicy.LoadBalancer("LEAST_REQUEST", null), null, null), null),
                new RoutingPlan("default", "reviews", List.of(), null, List.of(rule(List.of(), d("v1", 50), d("v2", 50))),
                        new StickySession(null, new StickySession.HttpCookie("session", "/", "3600s"), null, null, "tw-version"),
                        null, null, null),
                new RoutingPlan("default", "reviews", List.of(), null, List.of(rule(List.of(), d("v1", 50), d("v2", 50))),
                        null, null, new TrafficPolicy(new TrafficPolicy.Tls("MUTUAL", "client-cert", "reviews.local"),
                        new TrafficPolicy.LoadBalancer(null, new StickySession("x-user", null, null, null)),
                        new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(100, "10s"),
                                new TrafficPolicy.ConnectionPool.Http(10, 1000, 1, 3)),
                        new TrafficPolicy.OutlierDetection(5, "10s", "30s", 50)),
                        Map.of("v2", new TrafficPolicy(null, new TrafficPolicy.LoadBalancer(null,
                                        new StickySession(null, null, true, null)),
                                new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(10, null), null), null),
                                "v9", new TrafficPolicy(new TrafficPolicy.Tls("DISABLE", null, null), null, null, null))));
    }

    @ParameterizedTest
    @MethodSource("plans")
    void everyPlanFillsTheEditorAndComesBackUnchanged(RoutingPlan plan) {
        RoutingForm form = FormReader.fromPlan(FormKind.RULES, plan).orElseThrow();
        EditorOps.complete(form, VERSIONS);

        FormPlans.Parsed parsed = FormPlans.toPlan(FormKind.RULES, form, "default", "reviews");

        assertThat(parsed.problems()).isEmpty();
        // the editor always sends trafficPolicy (it owns the policies): none read is an empty one written
        RoutingPlan expected = plan.trafficPolicy() == null
                ? plan.withPolicies(new TrafficPolicy(null, null, null, null), plan.versionPolicies()) : plan;
        assertThat(parsed.plan()).isEqualTo(expected);
    }

    @Test
    void quickStartsRefusePlansTheyWouldChangeAndKeepWhatTheyDoNotShow() {
        RoutingPlan mirrored = plan(new Rule(List.of(header("x-beta", exact("true"))), List.of(d("v2", null)),
                new Mirror("v3", 10.0), null, null, null, null), rule(List.of(), d("v1", null)));
        RoutingPlan withPolicy = plan(rule(List.of(), d("v1", 90), d("v2", 10))).withPolicies(
                new TrafficPolicy(null, null, null, new TrafficPolicy.OutlierDetection(5, null, null, null)), null);
        RoutingPlan splitInMatch = plan(rule(List.of(header("x-beta", exact("true"))), d("v1", 50), d("v2", 50)),
                rule(List.of(), d("v1", null)));
        RoutingPlan portMatch = plan(rule(List.of(new MatchCondition(null, Map.of("x-beta", exact("true")), null, null,
                null, null, 8080, null)), d("v2", null)), rule(List.of(), d("v1", null)));
        for (FormKind quick : List.of(FormKind.WEIGHTED, FormKind.HEADER, FormKind.URI, FormKind.SUBDOMAIN, FormKind.DARK)) {
            assertThat(FormReader.fromPlan(quick, splitInMatch)).as(quick + " split").isEmpty();
            assertThat(FormReader.fromPlan(quick, portMatch)).as(quick + " port").isEmpty();
        }
        // a mirror or a policy does not stop a quick start: it does not show them and the plan keeps them
        // (KeptSettings); routing without a form annotation opens where they are shown, the editor
        assertThat(FormReader.fromPlan(FormKind.HEADER, mirrored)).isPresent();
        assertThat(FormReader.fromPlan(FormKind.WEIGHTED, withPolicy)).isPresent();
        assertThat(FormReader.bestFit(mirrored)).isEqualTo(FormKind.RULES);
        assertThat(FormReader.bestFit(withPolicy)).isEqualTo(FormKind.RULES);
        assertThat(FormReader.bestFit(mirrored.withRules(List.of(
                rule(List.of(header("x-beta", exact("true"))), d("v2", null)), rule(List.of(), d("v1", null))))))
                .isEqualTo(FormKind.DARK);
    }

    @Test
    void aQuickStartOpensInTheEditorPrefilled() {
        RoutingForm header = FormReader.defaults(FormKind.HEADER, Fixtures.summary(
                dev.trafficwizard.catalog.RoutingState.NONE, null, null));
        RoutingPlan plan = FormPlans.toPlan(FormKind.HEADER, header, "default", "reviews").plan();

        RoutingForm editor = FormReader.fromPlan(FormKind.RULES, plan).orElseThrow();
        EditorOps.complete(editor, List.of("v1", "v2"));

        assertThat(editor.getEditor()).hasSize(2);
        assertThat(editor.getEditor().get(0).getMatch().get(0).getConds().get(0).getName()).isEqualTo("x-canary");
        assertThat(FormPlans.toPlan(FormKind.RULES, editor, "default", "reviews").plan().rules()).isEqualTo(plan.rules());
    }

    @Test
    void theEditorsFieldsBindUpToTheRowLimit() {
        assertThat(List.of("editor[0].match[1].conds[2].field", "editor[3].weight[1]", "editor[3].version[1]",
                "editor[0].mirrorPercent", "editor[0].retryOn", "editor[1].headerChanges[0].value", "policies[2].interval",
                "policies[0].scope", "catchAllOff", "policyScope", "hashInPolicy"))
                .allMatch(FormFields::allowed);
        assertThat(List.of("editor[50].timeout", "editor[0].match[50].conds[0].field", "editor[0].match[0].conds[50].op",
                "policies[50].lb", "editor", "policies", "editor[0].match", "editor[0].getClass"))
                .noneMatch(FormFields::allowed);
    }

    private static RoutingPlan plan(Rule... rules) {
        return new RoutingPlan("default", "reviews", List.of(), null, List.of(rules), null, null,
                new TrafficPolicy(null, null, null, null), null);
    }

    private static Rule rule(List<MatchCondition> match, WeightedDestination... route) {
        return new Rule(match, List.of(route));
    }

    private static WeightedDestination d(String version, Integer weight) {
        return new WeightedDestination(version, weight);
    }

    private static MatchCondition header(String name, StringMatch m) {
        return new MatchCondition(null, Map.of(name, m), null, null, null);
    }

    private static StringMatch exact(String value) {
        return new StringMatch(value, null, null);
    }

    private static <V> Map<String, V> map(Object... kv) {
        Map<String, V> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked") V v = (V) kv[i + 1];
            out.put((String) kv[i], v);
        }
        return out;
    }
}
