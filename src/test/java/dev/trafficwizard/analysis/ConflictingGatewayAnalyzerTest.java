package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.Severity;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * IST0145 on live Gateways: the configurations of Istio's analyzer tests (conflicting gateways,
 * several ports, nested selectors with and without a workload, different ports, no port) and the
 * cases where Istio finds nothing.
 */
class ConflictingGatewayAnalyzerTest {

    private static String gateway(String name, String selector, String servers) {
        return """
                kind: Gateway
                metadata: {name: %s}
                spec:
                  selector: %s
                  servers: %s
                ---
                """.formatted(name, selector, servers);
    }

    private static final String INGRESS = "{istio: ingressgateway}";

    private static List<Finding> analyze(String yaml, String name) {
        List<HasMetadata> objects = YamlObjects.parse(yaml);
        List<Finding> out = new ArrayList<>();
        new ConflictingGatewayAnalyzer().analyze(YamlObjects.named(objects, Gateway.class, name),
                ListedSnapshot.of(objects), out);
        return out;
    }

    @Test
    void twoGatewaysWithTheSameSelectorPortAndHostBothConflict() {
        String yaml = gateway("beta", INGRESS, "[{port: {number: 80, name: tcp, protocol: TCP}, hosts: [foo.bar]}]")
                + gateway("alpha", INGRESS, "[{port: {number: 80, name: http, protocol: HTTP}, hosts: [foo.bar]}]");
        List<Finding> alpha = analyze(yaml, "alpha");
        assertThat(alpha).extracting(Finding::code, Finding::severity, Finding::path, Finding::istioCode, Finding::args)
                .containsExactly(tuple("CONFLICTING_GATEWAYS", Severity.ERROR, "spec.servers[0]", "IST0145",
                        List.of("default/beta", "foo.bar", "80", "istio=ingressgateway")));
        assertThat(YamlObjects.english(alpha.get(0))).startsWith(
                "Gateway default/beta also serves host foo.bar on port 80 for the same gateway workload (istio=ingressgateway)");
        assertThat(analyze(yaml, "beta")).extracting(Finding::args)
                .containsExactly(List.of("default/alpha", "foo.bar", "80", "istio=ingressgateway"));
    }

    @Test
    void onlyTheServersOnASharedPort() {
        String yaml = gateway("beta", INGRESS, "[{port: {number: 80, name: a, protocol: TCP}, hosts: [foo.bar]},"
                + " {port: {number: 90, name: b, protocol: TCP}, hosts: [foo.bar]}]")
                + gateway("alpha", INGRESS, "[{port: {number: 70, name: a, protocol: HTTP}, hosts: [foo.bar]},"
                + " {port: {number: 90, name: b, protocol: HTTP}, hosts: [foo.bar]}]");
        assertThat(analyze(yaml, "alpha")).extracting(Finding::path).containsExactly("spec.servers[1]");
        assertThat(analyze(yaml, "beta")).extracting(Finding::path).containsExactly("spec.servers[1]");
    }

    @Test
    void nestedSelectorsConflictWhenAWorkloadCarriesBoth() {
        String gateways = gateway("beta", "{istio: ingressgateway, app: istio-ingressgateway, cusKey: cusValue}",
                "[{port: {number: 80, name: tcp, protocol: TCP}, hosts: [foo.bar]}]")
                + gateway("alpha", "{istio: ingressgateway, cusKey: cusValue}",
                "[{port: {number: 80, name: http, protocol: HTTP}, hosts: [foo.bar]}]");
        String workload = """
                kind: Deployment
                metadata: {name: my-ingressgateway, namespace: istio-system}
                spec:
                  selector: {matchLabels: {app: istio-ingressgateway}}
                  template:
                    metadata: {labels: {istio: ingressgateway, app: istio-ingressgateway, cusKey: cusValue}}
                    spec: {containers: [{name: istio-proxy, image: proxy}]}
                """;
        assertThat(analyze(gateways + workload, "alpha")).extracting(Finding::args)
                .containsExactly(List.of("default/beta", "foo.bar", "80", "cusKey=cusValue,istio=ingressgateway"));
        assertThat(analyze(gateways + workload, "beta")).hasSize(1);
        // without a workload carrying both selectors' labels, they are different workloads
        assertThat(analyze(gateways, "alpha")).isEmpty();
    }

    @Test
    void nothingWhereIstioFindsNothing() {
        // different ports
        assertThat(analyze(gateway("beta", INGRESS, "[{port: {number: 443, name: tcp, protocol: TCP}, hosts: [foo.bar]}]")
                + gateway("alpha", INGRESS, "[{port: {number: 80, name: http, protocol: HTTP}, hosts: [foo.bar]}]"),
                "alpha")).isEmpty();
        // no port, different hosts
        assertThat(analyze(gateway("beta", INGRESS, "[{hosts: [foo.bar]}]")
                + gateway("alpha", INGRESS, "[{hosts: [bar.bar]}]"), "alpha")).isEmpty();
        // another workload
        assertThat(analyze(gateway("beta", "{istio: egressgateway}", "[{port: {number: 80, name: h, protocol: HTTP}, hosts: [foo.bar]}]")
                + gateway("alpha", INGRESS, "[{port: {number: 80, name: h, protocol: HTTP}, hosts: [foo.bar]}]"),
                "alpha")).isEmpty();
        // hosts compared as written, as Istio does: * and foo.bar are different hosts
        assertThat(analyze(gateway("beta", INGRESS, "[{port: {number: 80, name: h, protocol: HTTP}, hosts: ['*']}]")
                + gateway("alpha", INGRESS, "[{port: {number: 80, name: h, protocol: HTTP}, hosts: [foo.bar]}]"),
                "alpha")).isEmpty();
        // the same host on another bind address
        assertThat(analyze(gateway("beta", INGRESS, "[{port: {number: 80, name: h, protocol: HTTP}, bind: 10.0.0.1, hosts: [foo.bar]}]")
                + gateway("alpha", INGRESS, "[{port: {number: 80, name: h, protocol: HTTP}, hosts: [foo.bar]}]"),
                "alpha")).isEmpty();
        // a Gateway alone
        assertThat(analyze(gateway("alpha", INGRESS, "[{port: {number: 80, name: h, protocol: HTTP}, hosts: [foo.bar]}]"),
                "alpha")).isEmpty();
    }

    @Test
    void registeredAndRecheckedWhenTheOtherGatewayGoes() {
        List<HasMetadata> objects = YamlObjects.parse(
                gateway("beta", INGRESS, "[{port: {number: 80, name: h, protocol: HTTP}, hosts: [foo.bar]}]")
                + gateway("alpha", INGRESS, "[{port: {number: 80, name: h, protocol: HTTP}, hosts: [foo.bar]}]"));
        MeshAnalysis analysis = new MeshAnalysis();
        analysis.checkAll(ListedSnapshot.of(objects));
        ObjectRef alpha = new ObjectRef("Gateway", "default", "alpha");
        assertThat(analysis.findingsOf(alpha)).extracting(Finding::code).containsExactly("CONFLICTING_GATEWAYS");
        HasMetadata beta = YamlObjects.named(objects, Gateway.class, "beta");
        analysis.changed(ListedSnapshot.of(List.of(YamlObjects.named(objects, Gateway.class, "alpha"))),
                List.of(beta), java.util.Collections.singletonList(null));
        assertThat(analysis.findingsOf(alpha)).isEmpty();
    }
}
