package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.checks.PlanValidator;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.istio.StructuralMergeTest.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live fields Istio accepts but a plan cannot express (a rule's {@code mirrors}, TLS certificate
 * files, locality load balancing): a plan read from them re-posts cleanly and keeps them, and a
 * plan that sets what Istio refuses next to them drops them by name, so nothing Istio refuses is
 * written.
 */
class LiveOnlyFieldsTest {

    static final String HOST = StructuralMergeTest.HOST;

    static DestinationRule liveDr(String trafficPolicy) {
        return Serialization.unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: fleetman-staff-service, namespace: default, resourceVersion: "4"}
                spec:
                  host: %s
                  trafficPolicy: %s
                  subsets:
                  - {name: safe, labels: {version: safe}}
                  - {name: risky, labels: {version: risky}}
                """.formatted(HOST, trafficPolicy), DestinationRule.class);
    }

    static VirtualService liveVsWithMirrors() {
        VirtualService vs = RoutingObjectBuilder.build(StructuralMergeTest.plan(false, 90, 10), STAFF).virtualService();
        vs.getSpec().getHttp().get(0).setMirrors(List.of(Serialization.unmarshal(
                "{\"destination\":{\"host\":\"" + HOST + "\",\"subset\":\"risky\"},\"percentage\":{\"value\":5}}",
                io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy.class)));
        return vs;
    }

    static RoutingPlan withMirror(RoutingPlan plan) {
        Rule split = plan.rules().get(0);
        return plan.withRules(List.of(new Rule(split.match(), split.route(), new Mirror("risky", 10.0), null, null,
                null, null)));
    }

    static List<Diagnostic> errors(RoutingPlan plan) {
        return PlanValidator.validate(plan, STAFF).stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    @Test
    void istioRefusesARuleWithBothMirrorAndMirrors() {
        VirtualService vs = liveVsWithMirrors();
        assertThat(IstioValidation.validate(vs)).isEmpty();
        vs.getSpec().getHttp().get(0).setMirror(vs.getSpec().getHttp().get(0).getMirrors().get(0).getDestination());
        assertThat(IstioValidation.validate(vs)).extracting(Violation::path, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.http[0].mirror",
                        "HTTP route cannot contain both mirror and mirrors"));
    }

    @Test
    void aPlanMirrorReplacesTheLiveMirrorsByNameAndAPlanWithoutOneKeepsThem() {
        VirtualService live = liveVsWithMirrors();
        RoutingPlan plan = StructuralMergeTest.plan(false, 90, 10);

        var kept = StructuralMerge.virtualService(RoutingObjectBuilder.build(plan, STAFF).virtualService(), live);
        assertThat(kept.dropped()).isEmpty();
        assertThat(kept.object().getSpec().getHttp().get(0).getMirrors()).hasSize(1);

        var replaced = StructuralMerge.virtualService(
                RoutingObjectBuilder.build(withMirror(plan), STAFF).virtualService(), live);
        assertThat(replaced.dropped()).containsExactly(new StructuralMerge.Dropped(0, "spec.http[0].mirrors"));
        assertThat(replaced.object().getSpec().getHttp().get(0).getMirrors()).isNullOrEmpty();
        assertThat(replaced.object().getSpec().getHttp().get(0).getMirror().getSubset()).isEqualTo("risky");
        assertThat(IstioValidation.validate(replaced.object())).isEmpty();
    }

    @Test
    void mutualTlsWithCertificateFilesIsReadAsNoTlsAndKeptWholeByThePlanReadFromIt() {
        DestinationRule live = liveDr("""
                {tls: {mode: MUTUAL, clientCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem,
                  caCertificates: /etc/certs/ca.pem}, outlierDetection: {consecutive5xxErrors: 7}}""");
        assertThat(IstioValidation.validate(live)).isEmpty();
        VirtualService vs = RoutingObjectBuilder.build(StructuralMergeTest.plan(false, 90, 10), STAFF).virtualService();
        RoutingPlan read = RoutingPlanParser.parse(vs, live, STAFF).orElseThrow();
        assertThat(read.trafficPolicy().tls()).isNull();
        assertThat(errors(read)).isEmpty();

        var merged = StructuralMerge.destinationRule(RoutingObjectBuilder.build(read, STAFF).destinationRule(), live,
                true);

        assertThat(merged.dropped()).isEmpty();
        assertThat(StructuralMergeTest.spec(merged.object())).isEqualTo(StructuralMergeTest.spec(live));
    }

    @Test
    void aPlanCredentialNameDropsTheLiveCertificateFilesByName() {
        DestinationRule live = liveDr("""
                {tls: {mode: MUTUAL, clientCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem,
                  caCertificates: /etc/certs/ca.pem, sni: staff.example.com}}""");
        RoutingPlan plan = PolicyMergeTest.routedToBoth(new TrafficPolicy(
                new TrafficPolicy.Tls("MUTUAL", "client-cert", "staff.example.com"), null, null, null), Map.of());
        assertThat(errors(plan)).isEmpty();

        var merged = StructuralMerge.destinationRule(RoutingObjectBuilder.build(plan, STAFF).destinationRule(), live,
                true);

        var tls = merged.object().getSpec().getTrafficPolicy().getTls();
        assertThat(tls.getCredentialName()).isEqualTo("client-cert");
        assertThat(tls.getClientCertificate()).isNull();
        assertThat(tls.getPrivateKey()).isNull();
        assertThat(tls.getCaCertificates()).isNull();
        assertThat(merged.dropped()).extracting(StructuralMerge.Dropped::path).containsExactly(
                "spec.trafficPolicy.tls.clientCertificate", "spec.trafficPolicy.tls.privateKey",
                "spec.trafficPolicy.tls.caCertificates");
        assertThat(IstioValidation.validate(merged.object())).isEmpty();
    }

    @Test
    void aLoadBalancerWithOnlyLocalitySettingsIsReadAsNoneAndKept() {
        DestinationRule live = liveDr("""
                {loadBalancer: {localityLbSetting: {enabled: true}, warmupDurationSecs: 30s},
                 connectionPool: {tcp: {maxConnections: 9}}}""");
        VirtualService vs = RoutingObjectBuilder.build(StructuralMergeTest.plan(false, 90, 10), STAFF).virtualService();
        RoutingPlan read = RoutingPlanParser.parse(vs, live, STAFF).orElseThrow();
        assertThat(read.trafficPolicy().loadBalancer()).isNull();
        assertThat(read.trafficPolicy().connectionPool().tcp().maxConnections()).isEqualTo(9);
        assertThat(errors(read)).isEmpty();

        var merged = StructuralMerge.destinationRule(RoutingObjectBuilder.build(read, STAFF).destinationRule(), live,
                true);

        assertThat(merged.dropped()).isEmpty();
        assertThat(StructuralMergeTest.spec(merged.object())).isEqualTo(StructuralMergeTest.spec(live));
    }

    @Test
    void aPlanWithoutLoadBalancerDropsOnlyTheChoiceAndKeepsLocality() {
        DestinationRule live = liveDr("""
                {loadBalancer: {simple: RANDOM, localityLbSetting: {enabled: true}},
                 connectionPool: {tcp: {maxConnections: 9}}}""");
        RoutingPlan plan = PolicyMergeTest.routedToBoth(new TrafficPolicy(null, null,
                new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(9, null), null), null), Map.of());

        var merged = StructuralMerge.destinationRule(RoutingObjectBuilder.build(plan, STAFF).destinationRule(), live,
                true);

        var lb = merged.object().getSpec().getTrafficPolicy().getLoadBalancer();
        assertThat(lb.getLbPolicy()).isNull();
        assertThat(lb.getLocalityLbSetting().getEnabled()).isTrue();
        assertThat(merged.dropped()).extracting(StructuralMerge.Dropped::path)
                .containsExactly("spec.trafficPolicy.loadBalancer.simple");
        assertThat(IstioValidation.validate(merged.object())).isEmpty();
    }
}
