package dev.trafficwizard.istio;

import dev.trafficwizard.routing.MatchCondition;
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
                mirror: {host: shadow.default.svc.cluster.local}
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

    @Test
    void retriesTimeoutFaultMirrorCorsHeadersAndIgnoreUriCaseSurviveANewSplit() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        VirtualService desired = RoutingObjectBuilder.build(plan(true, 50, 50), STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(merged.dropped()).isEmpty();
        String yaml = Serialization.asYaml(spec(merged.object()));
        assertThat(yaml).isEqualTo("""
                ---
                hosts:
                - "fleetman-staff-service.default.svc.cluster.local"
                http:
                - fault:
                    delay:
                      fixedDelay: "5s"
                      percentage:
                        value: 10.0
                  match:
                  - ignoreUriCase: true
                    uri:
                      prefix: "/canary"
                  retries:
                    attempts: 3
                    perTryTimeout: "2s"
                  route:
                  - destination:
                      host: "fleetman-staff-service.default.svc.cluster.local"
                      subset: "risky"
                - corsPolicy:
                    allowOrigins:
                    - exact: "https://example.com"
                  mirror:
                    host: "shadow.default.svc.cluster.local"
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
                  timeout: "10s"
                """);
    }

    @Test
    void theSamePlanOverAHandEditedObjectChangesNothing() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        VirtualService desired = RoutingObjectBuilder.build(plan(true, 90, 10), STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(ObjectComparison.sameContent(merged.object(), live)).isTrue();
    }

    @Test
    void retriesOfARemovedRuleAreNamed() {
        VirtualService live = Serialization.unmarshal(LIVE_VS, VirtualService.class);
        VirtualService desired = RoutingObjectBuilder.build(plan(false, 100, 0), STAFF).virtualService();

        var merged = StructuralMerge.virtualService(desired, live);

        assertThat(merged.dropped()).extracting(StructuralMerge.Dropped::path).containsExactlyInAnyOrder(
                "spec.http[0].retries", "spec.http[0].fault", "spec.http[0].match[0].ignoreUriCase");
        assertThat(merged.dropped()).extracting(StructuralMerge.Dropped::rule).containsOnlyNulls();
        assertThat(merged.object().getSpec().getHttp()).hasSize(1);
        assertThat(merged.object().getSpec().getHttp().get(0).getTimeout()).isEqualTo("10s");
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
