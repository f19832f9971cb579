package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Scenarios;
import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule's mirror, timeout, retries and header changes and the plan's traffic policies under the Gateway
 * API: what has no field is listed at its plan path, what needs the experimental channel or differs is
 * noted, and the Istio model of the route carries them as Istio's gateway conversion does.
 */
class GatewayApiRuleFieldsTest {

    private static final List<WeightedDestination> SAFE = List.of(new WeightedDestination("safe", 100));

    private static GatewayApiObjects translate(RoutingPlan plan) {
        return GatewayApiTranslator.translate(plan, Scenarios.STAFF, Map.of("app", "fleetman-staff-service"),
                GatewayApiPlans.ports(8080), null);
    }

    private static RoutingPlan plan(Rule... rules) {
        return new RoutingPlan("default", "fleetman-staff-service", List.of(), null, List.of(rules), null,
                "gateway-api");
    }

    private static List<String> untranslatable(GatewayApiObjects objects) {
        return objects.untranslatable().stream().map(Untranslatable::field).toList();
    }

    @Test
    void faultAndIstioOnlyMatchPartsAreUntranslatableAtTheirPaths() {
        MatchCondition match = new MatchCondition(null, Map.of(), null, null, Map.of(),
                Map.of("x-a", new StringMatch("1", null, null)), 8080, Map.of("app", "web"));
        GatewayApiObjects objects = translate(plan(new Rule(List.of(match), SAFE, null,
                new Fault(new Fault.Delay("2s", 5.0), null), null, null, null)));
        assertThat(untranslatable(objects)).containsExactlyInAnyOrder("rules[0].match[0].withoutHeaders.x-a",
                "rules[0].match[0].port", "rules[0].match[0].sourceLabels", "rules[0].fault");
        assertThat(objects.untranslatable()).filteredOn(u -> u.field().equals("rules[0].fault"))
                .allSatisfy(u -> assertThat(u.reason()).contains("fault injection needs the Istio API"));
    }

    @Test
    void retryConditionsOtherThanStatusCodesAndIstiosOwnAreUntranslatable() {
        GatewayApiObjects objects = translate(plan(new Rule(List.of(), SAFE, null, null, null,
                new Retries(3, null, "5xx,connect-failure,503,reset"), null)));
        assertThat(untranslatable(objects)).containsExactly("rules[0].retries.retryOn");
        assertThat(objects.untranslatable().get(0).reason()).contains("5xx,reset");
        assertThat(objects.route().getSpec().getRules().get(0).getRetry().getCodes()).containsExactly(503);
        assertThat(objects.experimental()).extracting(Difference::field).containsExactly("rules[0].retries");
        // Istio adds refused-stream, unavailable and cancelled: a difference, not an error
        assertThat(objects.differences()).extracting(Difference::field).containsExactly("rules[0].retries.retryOn");
        assertThat(objects.differences().get(0).reason()).contains("refused-stream,unavailable,cancelled");
    }

    @Test
    void zeroAttemptsSubMillisecondDurationsAndAPerTryTimeoutBeyondTheTimeoutAreUntranslatable() {
        assertThat(untranslatable(translate(plan(new Rule(List.of(), SAFE, null, null, null,
                new Retries(0, null, null), null))))).containsExactly("rules[0].retries.attempts");
        assertThat(untranslatable(translate(plan(new Rule(List.of(), SAFE, null, null, "1.5ms", null, null)))))
                .containsExactly("rules[0].timeout");
        GatewayApiObjects longer = translate(plan(new Rule(List.of(), SAFE, null, null, "1s",
                new Retries(2, "2s", null), null)));
        assertThat(untranslatable(longer)).containsExactly("rules[0].retries.perTryTimeout");
        assertThat(HttpRouteCelRules.violations(longer.route())).isNotEmpty();
    }

    @Test
    void istioDurationsBecomeWholeGatewayApiUnits() {
        assertThat(Durations.toGatewayApi("0.5s")).contains("500ms");
        assertThat(Durations.toGatewayApi("1.5s")).contains("1500ms");
        assertThat(Durations.toGatewayApi("120s")).contains("2m");
        assertThat(Durations.toGatewayApi("3600s")).contains("1h");
        assertThat(Durations.toGatewayApi("100000s")).contains("27h46m40s");
        assertThat(Durations.toGatewayApi("1us")).isEmpty();
        assertThat(Durations.toGatewayApi("soon")).isEmpty();
        assertThat(Durations.toIstio("1h30m")).isEqualTo("90m");
    }

    @Test
    void consistentHashInATrafficPolicyIsUntranslatableAndNoDestinationRuleCarriesIt() {
        StickySession hash = new StickySession("x-user", null, null, null, null);
        GatewayApiObjects objects = translate(plan(new Rule(List.of(), SAFE)).withPolicies(
                new TrafficPolicy(null, new TrafficPolicy.LoadBalancer(null, hash), null, null),
                Map.of("safe", new TrafficPolicy(null, new TrafficPolicy.LoadBalancer(null, hash), null, null))));
        assertThat(untranslatable(objects)).containsExactly("trafficPolicy.loadBalancer.consistentHash",
                "versionPolicies.safe.loadBalancer.consistentHash");
        assertThat(objects.destinationRules()).isEmpty();
    }

    @Test
    void aVersionWithoutPolicyGetsNoDestinationRuleAndPartsOfItsOwnReplaceTheServicesWhole() {
        TrafficPolicy.ConnectionPool service = new TrafficPolicy.ConnectionPool(
                new TrafficPolicy.ConnectionPool.Tcp(100, null), new TrafficPolicy.ConnectionPool.Http(10, null, null, null));
        TrafficPolicy.ConnectionPool own = new TrafficPolicy.ConnectionPool(
                new TrafficPolicy.ConnectionPool.Tcp(5, null), null);
        RoutingPlan plan = plan(new Rule(List.of(), List.of(new WeightedDestination("safe", 50),
                new WeightedDestination("risky", 50)))).withPolicies(null, Map.of("risky",
                new TrafficPolicy(null, null, own, null)));
        GatewayApiObjects objects = translate(plan);
        assertThat(objects.destinationRules()).extracting(d -> d.getMetadata().getName())
                .containsExactly("fleetman-staff-service-risky");
        assertThat(VersionPolicies.effective(new TrafficPolicy(null, null, service, null),
                new TrafficPolicy(null, null, own, null)).connectionPool()).isEqualTo(own);
        assertThat(GatewayApiParser.parse(objects.route(), List.of(), objects.versionServices(),
                objects.destinationRules(), null, Scenarios.STAFF)).contains(plan);
    }

    @Test
    void theIstioModelCarriesMirrorTimeoutsRetriesAndHeadersAsIstioConvertsThem() {
        GatewayApiObjects objects = GatewayApiForms.RESILIENCE.translate();
        VirtualService vs = GatewayApiModel.toIstio(objects.routes(), objects.versionServices(), List.of(),
                Scenarios.STAFF).virtualServices().get(0);
        HTTPRoute header = vs.getSpec().getHttp().get(0);
        assertThat(header.getMirror().getHost()).isEqualTo("fleetman-staff-service.default.svc.cluster.local");
        assertThat(header.getMirror().getSubset()).isEqualTo("safe");
        assertThat(header.getMirrorPercentage().getValue()).isEqualTo(10.0);
        assertThat(header.getTimeout()).isEqualTo("2s");
        assertThat(header.getRetries().getAttempts()).isEqualTo(3);
        assertThat(header.getRetries().getPerTryTimeout()).isEqualTo("500ms");
        assertThat(header.getRetries().getRetryOn())
                .isEqualTo("connect-failure,refused-stream,unavailable,cancelled,502,503");
        assertThat(header.getHeaders().getRequest().getSet()).containsEntry("x-beta-route", "risky");
        assertThat(header.getHeaders().getRequest().getRemove()).containsExactly("x-debug");
        assertThat(header.getHeaders().getResponse().getSet()).containsEntry("x-served-by", "risky");
        HTTPRoute catchAll = vs.getSpec().getHttp().get(1);
        assertThat(catchAll.getMirror().getSubset()).isEqualTo("risky");
        assertThat(catchAll.getMirrorPercentage().getValue()).isEqualTo(0.5);
        assertThat(catchAll.getTimeout()).isEqualTo("5s");
        assertThat(catchAll.getRetries().getRetryOn()).isEqualTo("connect-failure,refused-stream,unavailable,cancelled");
    }

    @Test
    void aBackendRequestTimeoutWithoutRetryIsTheTimeoutInIstiosConversion() {
        var route = GatewayApiForms.RESILIENCE.translate().route();
        HTTPRouteRule rule = route.getSpec().getRules().get(0);
        rule.setRetry(null);
        rule.setTimeouts(new HTTPRouteTimeouts("750ms", null));
        VirtualService vs = GatewayApiModel.toIstio(List.of(route), GatewayApiForms.RESILIENCE.translate()
                .versionServices(), List.of(), Scenarios.STAFF).virtualServices().get(0);
        assertThat(vs.getSpec().getHttp().get(0).getTimeout()).isEqualTo("750ms");
        assertThat(vs.getSpec().getHttp().get(0).getRetries()).isNull();
    }

    @Test
    void theKeepVersionCookiesSetCookieAndTheRulesResponseHeadersBothApply() {
        GatewayApiObjects objects = GatewayApiForms.KEEP_VERSION_RESILIENCE.translate();
        VirtualService vs = GatewayApiModel.toIstio(objects.routes(), objects.versionServices(), List.of(),
                Scenarios.STAFF).virtualServices().get(0);
        HTTPRoute split = vs.getSpec().getHttp().get(vs.getSpec().getHttp().size() - 1);
        assertThat(split.getHeaders().getResponse().getSet()).containsEntry("x-split", "90-10");
        assertThat(split.getRoute()).allSatisfy(d -> assertThat(d.getHeaders().getResponse().getAdd())
                .containsKey("Set-Cookie"));
        assertThat(vs.getSpec().getHttp()).allSatisfy(h -> assertThat(h.getTimeout()).isEqualTo("3s"));
    }

    @Test
    void theCelRulesOfFiltersCatchAMirrorWithoutPortBothPercentAndFractionAndARepeatedHeaderModifier() {
        var route = GatewayApiForms.RESILIENCE.translate().route();
        assertThat(HttpRouteCelRules.violations(route)).isEmpty();
        var filters = new java.util.ArrayList<>(route.getSpec().getRules().get(0).getFilters());
        var mirror = filters.get(2).getRequestMirror();
        mirror.getBackendRef().setPort(null);
        mirror.setFraction(new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(10, 20));
        filters.add(filters.get(0));
        route.getSpec().getRules().get(0).setFilters(filters);
        assertThat(HttpRouteCelRules.violations(route)).hasSize(4).anySatisfy(v -> assertThat(v)
                .contains("Must have port")).anySatisfy(v -> assertThat(v).contains("percent or fraction"))
                .anySatisfy(v -> assertThat(v).contains("numerator")).anySatisfy(v -> assertThat(v)
                        .contains("cannot be repeated"));
    }

    @Test
    void headerChangesTheHttpRouteCrdRefusesAreUntranslatableAtTheirPaths() {
        Map<String, String> set = new java.util.LinkedHashMap<>();
        set.put(":authority", "example.com");
        set.put("x-empty", "");
        set.put("x-accent", "caf\u00e9");
        set.put("x-spaces", "a  b");
        set.put("x-fine", "a b\tc");
        Map<String, String> add = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 17; i++) {
            add.put("x-h" + i, "v");
        }
        HeaderChanges headers = new HeaderChanges(new HeaderChanges.Operations(set, add, List.of("x-ok")),
                new HeaderChanges.Operations(Map.of(), Map.of(), List.of("bad header")));
        GatewayApiObjects objects = translate(plan(new Rule(List.of(), SAFE, null, null, null, null, headers)));
        assertThat(untranslatable(objects)).containsExactlyInAnyOrder("rules[0].headers.request.set.:authority",
                "rules[0].headers.request.set.x-empty", "rules[0].headers.request.set.x-accent",
                "rules[0].headers.request.set.x-spaces", "rules[0].headers.request.add",
                "rules[0].headers.response.remove.bad header");
        assertThat(objects.untranslatable()).filteredOn(u -> u.field().endsWith(".add"))
                .allSatisfy(u -> assertThat(u.reason()).contains("at most 16", "17"));
        assertThat(GatewayApiSchemas.validateExperimental(objects.route())).isNotEmpty();
        // the values and names allowed here pass the experimental CRD's patterns
        HeaderChanges fine = new HeaderChanges(new HeaderChanges.Operations(Map.of("x-fine", "a b\tc", "x~!#", "v"),
                Map.of(), List.of()), null);
        GatewayApiObjects ok = translate(plan(new Rule(List.of(), SAFE, null, null, null, null, fine)));
        assertThat(ok.untranslatable()).isEmpty();
        assertThat(GatewayApiSchemas.validateExperimental(ok.route())).isEmpty();
    }
}
