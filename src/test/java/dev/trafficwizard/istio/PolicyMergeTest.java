package dev.trafficwizard.istio;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.trafficwizard.istio.StructuralMergeTest.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan with traffic policies owns TLS, load balancer, connection pool and outlier detection of
 * the DestinationRule and its subsets; what it cannot express survives in the parts it keeps, and
 * what goes is named. A plan without policies leaves them alone (only the sticky hash is its).
 */
class PolicyMergeTest {

    static final String LIVE_DR = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: fleetman-staff-service, namespace: default, resourceVersion: "4"}
            spec:
              host: fleetman-staff-service.default.svc.cluster.local
              trafficPolicy:
                connectionPool: {tcp: {maxConnections: 100, tcpKeepalive: {time: 7200s}}, http: {idleTimeout: 1h}}
                outlierDetection: {consecutive5xxErrors: 7, interval: 5m, consecutiveGatewayErrors: 3}
                tls: {mode: SIMPLE, credentialName: ca, subjectAltNames: [staff.example.com]}
                portLevelSettings:
                - port: {number: 8080}
                  loadBalancer: {simple: RANDOM}
              subsets:
              - name: safe
                labels: {version: safe}
                trafficPolicy: {connectionPool: {http: {http1MaxPendingRequests: 10}}}
              - name: risky
                labels: {version: risky}
                trafficPolicy: {tls: {mode: DISABLE}}
            """;

    static RoutingPlan routedToBoth(TrafficPolicy policy, Map<String, TrafficPolicy> versionPolicies) {
        return StructuralMergeTest.plan(false, 90, 10).withPolicies(policy, versionPolicies);
    }

    @Test
    void aPlanWithPoliciesOwnsTheFourPartsKeepsWhatItCannotExpressInThePartsItKeepsAndNamesWhatGoes() {
        DestinationRule live = Serialization.unmarshal(LIVE_DR, DestinationRule.class);
        RoutingPlan plan = routedToBoth(new TrafficPolicy(new TrafficPolicy.Tls("SIMPLE", "ca2", null), null,
                        new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(50, null), null), null),
                Map.of("safe", new TrafficPolicy(null, new TrafficPolicy.LoadBalancer("LEAST_REQUEST", null), null,
                        null)));
        DestinationRule desired = RoutingObjectBuilder.build(plan, STAFF).destinationRule();

        var merged = StructuralMerge.destinationRule(desired, live, true);

        var policy = merged.object().getSpec().getTrafficPolicy();
        assertThat(policy.getTls().getCredentialName()).isEqualTo("ca2");
        assertThat(policy.getTls().getSubjectAltNames()).containsExactly("staff.example.com");
        assertThat(policy.getConnectionPool().getTcp().getMaxConnections()).isEqualTo(50);
        assertThat(policy.getConnectionPool().getTcp().getTcpKeepalive()).isNotNull();
        assertThat(policy.getConnectionPool().getHttp().getIdleTimeout()).isEqualTo("1h");
        assertThat(policy.getOutlierDetection()).isNull();
        assertThat(policy.getPortLevelSettings()).hasSize(1);
        var subsets = merged.object().getSpec().getSubsets();
        assertThat(subsets.get(0).getTrafficPolicy().getConnectionPool()).isNull();
        assertThat(subsets.get(0).getTrafficPolicy().getLoadBalancer()).isNotNull();
        assertThat(subsets.get(1).getTrafficPolicy()).isNull();
        assertThat(merged.dropped()).extracting(StructuralMerge.Dropped::path).containsExactlyInAnyOrder(
                "spec.trafficPolicy.outlierDetection", "spec.subsets[0].trafficPolicy.connectionPool",
                "spec.subsets[1].trafficPolicy.tls");
        assertThat(IstioValidation.validate(merged.object())).isEmpty();
    }

    @Test
    void aFieldThePlanStopsSettingInAPartItKeepsIsNamed() {
        DestinationRule live = Serialization.unmarshal(LIVE_DR, DestinationRule.class);
        RoutingPlan plan = routedToBoth(new TrafficPolicy(null, null, null,
                new TrafficPolicy.OutlierDetection(7, null, null, null)), Map.of());
        DestinationRule desired = RoutingObjectBuilder.build(plan, STAFF).destinationRule();

        var merged = StructuralMerge.destinationRule(desired, live, true);

        var outlier = merged.object().getSpec().getTrafficPolicy().getOutlierDetection();
        assertThat(outlier.getInterval()).isNull();
        assertThat(outlier.getConsecutiveGatewayErrors()).isEqualTo(3);
        assertThat(merged.dropped()).extracting(StructuralMerge.Dropped::path)
                .contains("spec.trafficPolicy.outlierDetection.interval", "spec.trafficPolicy.tls",
                        "spec.trafficPolicy.connectionPool", "spec.subsets[0].trafficPolicy.connectionPool");
    }

    @Test
    void thePlanReadFromTheLiveObjectsChangesNothing() {
        DestinationRule live = Serialization.unmarshal(LIVE_DR, DestinationRule.class);
        VirtualService liveVs = RoutingObjectBuilder.build(StructuralMergeTest.plan(false, 90, 10), STAFF).virtualService();
        RoutingPlan read = RoutingPlanParser.parse(liveVs, live, STAFF).orElseThrow();
        assertThat(read.trafficPolicy()).isNotNull();
        assertThat(read.versionPolicies()).containsOnlyKeys("safe", "risky");

        var merged = StructuralMerge.destinationRule(RoutingObjectBuilder.build(read, STAFF).destinationRule(), live,
                true);

        assertThat(merged.dropped()).isEmpty();
        assertThat(StructuralMergeTest.spec(merged.object())).isEqualTo(StructuralMergeTest.spec(live));
    }

    @Test
    void withoutPlanPoliciesTheTwoArgumentMergeLeavesThemAloneAndOneWithPoliciesOwnsThem() {
        DestinationRule live = Serialization.unmarshal(LIVE_DR, DestinationRule.class);
        DestinationRule bare = RoutingObjectBuilder.build(StructuralMergeTest.plan(false, 90, 10), STAFF).destinationRule();
        var kept = StructuralMerge.destinationRule(bare, live);
        assertThat(kept.dropped()).isEmpty();
        assertThat(kept.object().getSpec().getTrafficPolicy().getOutlierDetection()).isNotNull();

        DestinationRule owning = RoutingObjectBuilder.build(routedToBoth(new TrafficPolicy(null,
                new TrafficPolicy.LoadBalancer("RANDOM", null), null, null), Map.of()), STAFF).destinationRule();
        var owned = StructuralMerge.destinationRule(owning, live);
        assertThat(owned.object().getSpec().getTrafficPolicy().getOutlierDetection()).isNull();
        assertThat(owned.dropped()).isNotEmpty();
    }
}
