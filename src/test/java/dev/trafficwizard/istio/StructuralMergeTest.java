package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The forms own only what they show: everything else of the live objects survives, or is named. */
class StructuralMergeTest {

    static final TargetService STAFF = RoutingObjectBuilderTest.STAFF;
    static final String HOST = "fleetman-staff-service.default.svc.cluster.local";

    /** A managed VirtualService: a /canary rule (hand-edited) and a 90/10 catch-all (hand-edited). */
    static final String LIVE_VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: fleetman-staff-service
              namespace: default
              resourceVersion: "7"
              labels: {app.kubernetes.io/managed-by: traffic-wizard, team: fleet}
            spec:
              hosts: [fleetman-staff-service.default.svc.cluster.local]
              http:
              - match:
                - uri: {prefix: /canary}
                  ignoreUriCase: true
                route:
                - destination: {host: fleetman-staff-service.default.svc.cluster.local, subset: risky}
                retries: {attempts: 3, perTryTimeout: 2s}
                fault: {delay: {fixedDelay: 5s, percentage: {value: 10}}}
              - route:
                - destination: {host: fleetman-staff-service.default.svc.cluster.local, subset: safe}
                  weight: 90
                  headers: {request: {set: {x-from: wizard}}}
                - destination: {host: fleetman-staff-service.default.svc.cluster.local, subset: risky}
                  weight: 10
                timeout: 10s
                mirror: {host: fleetman-staff-service.default.svc.cluster.local, subset: risky}
                corsPolicy: {allowOrigins: [{exact: "https://example.com"}]}
            """;

    static RoutingPlan plan(boolean withCanaryRule, int safe, int risky) {
        Rule canary = new Rule(List.of(new MatchCondition(new StringMatch(null, "/canary", null), null, null, null,
                null)), List.of(new WeightedDestination("risky", 100)));
        Rule split = new Rule(List.of(), List.of(new WeightedDestination("safe", safe),
                new WeightedDestination("risky", risky)));
        return new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
                withCanaryRule ? List.of(canary, split) : List.of(split), null);
    }

    static Map<?, ?> spec(Object object) {
        return (Map<?, ?>) Serialization.jsonMapper().convertValue(object, Map.class).get("spec");
    }

    /** {@link #plan} with the live object's retries, fault, timeout and mirror. */
    static RoutingPlan planWithResilience(int safe, int risky) {
        List<Rule> rules = plan(true, safe, risky).rules();
        Rule canary = rules.get(0);
        Rule split = rules.get(1);
        return plan(true, safe, risky).withRules(List.of(
                new Rule(canary.match(), canary.route(), null,
                        new Fault(new Fault.Delay("5s", 10.0), null), null, new Retries(3, "2s", null), null),
                new Rule(split.match(), split.route(), new Mirror("risky", null), null, "10s", null, null)));
    }

    @Test
    void aPlanWithoutTheRulesRetriesFaultTimeoutAndMirrorDropsAndNamesThemButKeepsCorsHeadersAndIgnoreUriCase() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        VirtualService desired = RoutingObjectBuilder.build(plan(true, 50, 50), STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(merged.dropped()).containsExactly(new StructuralMerge.Dropped(0, "spec.http[0].fault"),
                new StructuralMerge.Dropped(0, "spec.http[0].retries"),
                new StructuralMerge.Dropped(1, "spec.http[1].mirror"),
                new StructuralMerge.Dropped(1, "spec.http[1].timeout"));
        String yaml = Serialization.asYaml(spec(merged.object()));
        assertThat(yaml).isEqualTo("""
                ---
                hosts:
                - "fleetman-staff-service.default.svc.cluster.local"
                http:
                - match:
                  - ignoreUriCase: true
                    uri:
                      prefix: "/canary"
                  route:
                  - destination:
                      host: "fleetman-staff-service.default.svc.cluster.local"
                      subset: "risky"
                - corsPolicy:
                    allowOrigins:
                    - exact: "https://example.com"
                  route:
                  - destination:
                      host: "fleetman-staff-service.default.svc.cluster.local"
                      subset: "safe"
                    headers:
                      request:
                        set:
                          x-from: "wizard"
                    weight: 50
                  - destination:
                      host: "fleetman-staff-service.default.svc.cluster.local"
                      subset: "risky"
                    weight: 50
                """);
    }

    @Test
    void aPlanCarryingTheRulesRetriesFaultTimeoutAndMirrorKeepsThemOnANewSplit() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        VirtualService desired = RoutingObjectBuilder.build(planWithResilience(50, 50), STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(merged.dropped()).isEmpty();
        var http = merged.object().getSpec().getHttp();
        assertThat(http.get(0).getRetries().getAttempts()).isEqualTo(3);
        assertThat(http.get(0).getFault().getDelay()).isNotNull();
        assertThat(http.get(0).getMatch().get(0).getIgnoreUriCase()).isTrue();
        assertThat(http.get(1).getTimeout()).isEqualTo("10s");
        assertThat(http.get(1).getMirror().getSubset()).isEqualTo("risky");
        assertThat(http.get(1).getCorsPolicy()).isNotNull();
        assertThat(http.get(1).getRoute()).extracting(r -> r.getWeight()).containsExactly(50, 50);
    }

    @Test
    void aChangedTimeoutIsLaidOverNotNamed() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        RoutingPlan plan = planWithResilience(90, 10);
        Rule split = plan.rules().get(1);
        plan = plan.withRules(List.of(plan.rules().get(0), new Rule(split.match(), split.route(), split.mirror(),
                null, "3s", null, null)));

        var merged = StructuralMerge.virtualService(RoutingObjectBuilder.build(plan, STAFF).virtualService(), live);

        assertThat(merged.dropped()).isEmpty();
        assertThat(merged.object().getSpec().getHttp().get(1).getTimeout()).isEqualTo("3s");
    }

    @Test
    void theSamePlanOverAHandEditedObjectChangesNothing() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        VirtualService desired = RoutingObjectBuilder.build(planWithResilience(90, 10), STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(ObjectComparison.sameContent(merged.object(), live)).isTrue();
    }

    @Test
    void fieldsOfARemovedRuleAndResilienceTheKeptRuleLosesAreNamed() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        VirtualService desired = RoutingObjectBuilder.build(plan(false, 100, 0), STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(merged.dropped()).containsExactlyInAnyOrder(
                new StructuralMerge.Dropped(null, "spec.http[0].retries"),
                new StructuralMerge.Dropped(null, "spec.http[0].fault"),
                new StructuralMerge.Dropped(null, "spec.http[0].match[0].ignoreUriCase"),
                new StructuralMerge.Dropped(0, "spec.http[1].mirror"),
                new StructuralMerge.Dropped(0, "spec.http[1].timeout"));
        assertThat(merged.object().getSpec().getHttp()).hasSize(1);
        assertThat(merged.object().getSpec().getHttp().get(0).getTimeout()).isNull();
        assertThat(merged.object().getSpec().getHttp().get(0).getCorsPolicy()).isNotNull();
    }

    @Test
    void headersOfARemovedDestinationAreNamedWithTheirRule() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        RoutingPlan riskyOnly = new RoutingPlan("default", "fleetman-staff-service", List.of(), null, List.of(
                new Rule(List.of(), List.of(new WeightedDestination("risky", 100)))), null);
        VirtualService desired = RoutingObjectBuilder.build(riskyOnly, STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(merged.dropped()).contains(new StructuralMerge.Dropped(0, "spec.http[1].route[0].headers"));
    }

    @Test
    void versionPinCookiesAreOwnedAndGoWhenPinningStops() {
        RoutingPlan pinned = new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
                plan(false, 90, 10).rules(), new StickySession(null, null, null, null, "ver"));
        VirtualService live = RoutingObjectBuilder.build(pinned, STAFF).virtualService();
        live.getMetadata().setResourceVersion("3");
        VirtualService desired = RoutingObjectBuilder.build(plan(false, 90, 10), STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(merged.dropped()).isEmpty();
        assertThat(spec(merged.object())).isEqualTo(spec(desired));
    }

    @Test
    void outlierDetectionAndConnectionPoolSurviveAndStickySessionsAreLaidOver() {
        DestinationRule live = Serialization.unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: fleetman-staff-service, namespace: default, resourceVersion: "4"}
                spec:
                  host: fleetman-staff-service.default.svc.cluster.local
                  trafficPolicy:
                    connectionPool: {tcp: {maxConnections: 100}}
                    outlierDetection: {consecutive5xxErrors: 7, interval: 5m}
                    tls: {mode: ISTIO_MUTUAL}
                  subsets:
                  - name: safe
                    labels: {version: safe}
                    trafficPolicy: {connectionPool: {http: {http1MaxPendingRequests: 10}}}
                  - name: risky
                    labels: {version: risky}
                    trafficPolicy: {tls: {mode: DISABLE}}
                """, DestinationRule.class);
        RoutingPlan sticky = new RoutingPlan("default", "fleetman-staff-service", List.of(), null, List.of(
                new Rule(List.of(), List.of(new WeightedDestination("safe", 100)))),
                new StickySession("x-user", null, null, null));
        DestinationRule desired = RoutingObjectBuilder.build(sticky, STAFF).destinationRule();

        var merged = StructuralMerge.destinationRule(desired, live);

        var spec = merged.object().getSpec();
        assertThat(spec.getTrafficPolicy().getOutlierDetection().getConsecutive5xxErrors()).isEqualTo(7);
        assertThat(spec.getTrafficPolicy().getConnectionPool().getTcp().getMaxConnections()).isEqualTo(100);
        assertThat(spec.getTrafficPolicy().getTls()).isNotNull();
        assertThat(spec.getTrafficPolicy().getLoadBalancer().getLbPolicy()).isNotNull();
        assertThat(spec.getSubsets()).hasSize(1);
        assertThat(spec.getSubsets().get(0).getTrafficPolicy().getConnectionPool()).isNotNull();
        assertThat(merged.dropped()).extracting(StructuralMerge.Dropped::path)
                .containsExactly("spec.subsets[1].trafficPolicy");
    }

    @Test
    void rulesMatchingByPortWithoutHeadersAndSourceLabelsPairWithTheirLiveRuleAndKeepItsCors() {
        Rule byPort = new Rule(List.of(new MatchCondition(null, null, null, null, null,
                Map.of("x-legacy", new StringMatch(null, null, null)), 8080, Map.of("app", "web"))),
                List.of(new WeightedDestination("risky", 100)));
        Rule rest = new Rule(List.of(), List.of(new WeightedDestination("safe", 100)));
        RoutingPlan plan = new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
                List.of(byPort, rest), null);
        VirtualService live = RoutingObjectBuilder.build(plan, STAFF).virtualService();
        live.getSpec().getHttp().get(0).setCorsPolicy(Serialization.unmarshal("{\"allowOrigins\":[{\"exact\":\"https://a.com\"}]}",
                io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy.class));
        RoutingPlan changed = plan.withRules(List.of(byPort.withRoute(List.of(new WeightedDestination("safe", 100))),
                rest));

        var merged = StructuralMerge.virtualService(RoutingObjectBuilder.build(changed, STAFF).virtualService(), live);

        assertThat(merged.dropped()).isEmpty();
        var http = merged.object().getSpec().getHttp().get(0);
        assertThat(http.getCorsPolicy()).isNotNull();
        assertThat(http.getMatch().get(0).getPort()).isEqualTo(8080L);
        assertThat(http.getRoute().get(0).getDestination().getSubset()).isEqualTo("safe");

        RoutingPlan otherPort = plan.withRules(List.of(byPort.withMatch(List.of(new MatchCondition(null, null, null,
                null, null, null, 9090, null))), rest));
        var moved = StructuralMerge.virtualService(RoutingObjectBuilder.build(otherPort, STAFF).virtualService(), live);
        assertThat(moved.dropped()).extracting(StructuralMerge.Dropped::path).containsExactly("spec.http[0].corsPolicy");
    }

    @Test
    void aGatewayKeepsItsHttpsRedirectAndServerNameAndNamesAServerThePlanDrops() {
        io.fabric8.istio.api.networking.v1.Gateway live = Serialization.unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: shop, namespace: default, resourceVersion: "2"}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: ["a.example.com"]
                    tls: {httpsRedirect: true}
                    name: plain
                  - port: {number: 8443, name: https-alt, protocol: HTTPS}
                    hosts: ["a.example.com"]
                    tls: {mode: SIMPLE, credentialName: alt-cert, minProtocolVersion: TLSV1_3}
                """, io.fabric8.istio.api.networking.v1.Gateway.class);
        RoutingPlan exposed = new RoutingPlan("default", "fleetman-staff-service", List.of(),
                new dev.trafficwizard.routing.GatewayPlan("shop", true, List.of("a.example.com", "b.example.com"), 80,
                        false), plan(false, 100, 0).rules(), null);
        var desired = RoutingObjectBuilder.build(exposed, STAFF).gateway();

        var merged = StructuralMerge.gateway(desired, live);

        var servers = merged.object().getSpec().getServers();
        assertThat(servers).hasSize(1);
        assertThat(servers.get(0).getHosts()).containsExactly("a.example.com", "b.example.com");
        assertThat(servers.get(0).getTls().getHttpsRedirect()).isTrue();
        assertThat(servers.get(0).getName()).isEqualTo("plain");
        assertThat(merged.dropped()).extracting(StructuralMerge.Dropped::path)
                .containsExactly("spec.servers[1].tls.minProtocolVersion");
    }
}
