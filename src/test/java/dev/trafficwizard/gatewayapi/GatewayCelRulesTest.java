package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.GatewayPlan;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Gateway CRD's listener rules, CEL and OpenAPI, against what the translator writes: each rule
 * refuses a broken copy of a written Gateway, and the translator reports instead of writing what
 * would break one.
 */
class GatewayCelRulesTest {

    private static Gateway written(GatewayPlan plan) {
        List<Untranslatable> problems = new ArrayList<>();
        Gateway gateway = IngressGateways.build(plan, "default", problems).gateway();
        assertThat(problems).isEmpty();
        assertThat(GatewayCelRules.violations(gateway)).isEmpty();
        assertThat(GatewayApiSchemas.validate(gateway)).isEmpty();
        return gateway;
    }

    private static Gateway http() {
        return written(new GatewayPlan("web", true, List.of("a.example.com", "*.example.com", "*"), 80, false, null));
    }

    private static Gateway https() {
        return written(new GatewayPlan("web", true, List.of("a.example.com"), 443, false, "web-cert"));
    }

    @Test
    void listenerNamesMustBeUnique() {
        Gateway gateway = http();
        gateway.getSpec().getListeners().get(1).setName(gateway.getSpec().getListeners().get(0).getName());
        assertThat(GatewayCelRules.violations(gateway))
                .containsExactly("spec.listeners: Listener name must be unique within the Gateway");
    }

    @Test
    void portProtocolAndHostnameMustBeUniqueAndAMissingHostnameCountsAsOne() {
        Gateway gateway = http();
        gateway.getSpec().getListeners().get(0).setHostname(null);
        assertThat(GatewayCelRules.violations(gateway)).containsExactly(
                "spec.listeners: Combination of port, protocol and hostname must be unique for each listener");
    }

    @Test
    void anHttpListenerMustNotCarryTls() {
        Gateway gateway = http();
        gateway.getSpec().getListeners().get(0).setTls(https().getSpec().getListeners().get(0).getTls());
        assertThat(GatewayCelRules.violations(gateway))
                .containsExactly("spec.listeners: tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
    }

    @Test
    void anHttpsListenerTerminatesWithACertificate() {
        Gateway passthrough = https();
        passthrough.getSpec().getListeners().get(0).getTls().setMode("Passthrough");
        assertThat(GatewayCelRules.violations(passthrough))
                .containsExactly("spec.listeners: tls mode must be Terminate for protocol HTTPS");
        Gateway noCertificate = https();
        noCertificate.getSpec().getListeners().get(0).setTls(new ListenerTLSConfig(List.of(), null, null));
        assertThat(GatewayCelRules.violations(noCertificate)).containsExactly(
                "spec.listeners[].tls: certificateRefs or options must be specified when mode is Terminate");
        Gateway noTls = https();
        noTls.getSpec().getListeners().get(0).setTls(null);
        assertThat(GatewayCelRules.violations(noTls)).containsExactly("spec.listeners[].tls: required for protocol HTTPS");
    }

    @Test
    void anHttpsPlanWithoutCredentialIsReportedNotWrittenBroken() {
        List<Untranslatable> problems = new ArrayList<>();
        Gateway gateway = IngressGateways.build(new GatewayPlan("web", true, List.of("a.example.com"), 443, false,
                null), "default", problems).gateway();
        assertThat(problems).extracting(Untranslatable::field).containsExactly("gateway.credentialName");
        assertThat(gateway.getSpec().getListeners()).extracting(Listener::getProtocol).containsExactly("HTTPS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Example.com", "example.com.", "a.*.example.com", "exa_mple.com", "10.0.0.1"})
    void hostnamesTheCrdRefusesAreReportedNotWritten(String host) {
        Gateway broken = Serialization.clone(http());
        broken.getSpec().getListeners().get(0).setHostname(host);
        if (!host.equals("10.0.0.1")) { // an IP matches the CRD's pattern; the spec forbids it in prose
            assertThat(GatewayApiSchemas.validate(broken)).isNotEmpty();
        }
        List<Untranslatable> problems = new ArrayList<>();
        Gateway gateway = IngressGateways.build(new GatewayPlan("web", true, List.of(host, "b.example.com"), 80,
                false, null), "default", problems).gateway();
        assertThat(problems).extracting(Untranslatable::field).containsExactly("gateway.hosts");
        assertThat(gateway.getSpec().getListeners()).extracting(Listener::getHostname).containsExactly("b.example.com");
        assertThat(GatewayApiSchemas.validate(gateway)).isEmpty();
    }

    @Test
    void moreThanSixtyFourListenersAreReportedAndTheSchemaRefusesThem() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            hosts.add("h" + i + ".example.com");
        }
        List<Untranslatable> problems = new ArrayList<>();
        Gateway gateway = IngressGateways.build(new GatewayPlan("web", true, hosts, 80, false, null), "default",
                problems).gateway();
        assertThat(problems).extracting(Untranslatable::field).containsExactly("gateway.hosts");
        assertThat(GatewayApiSchemas.validate(gateway)).isNotEmpty();
    }

    @Test
    void aCertificateInAnotherNamespaceGetsAReferenceGrantThereThatValidates() {
        IngressGateways.Ingress ingress = IngressGateways.build(new GatewayPlan("web", true, List.of("a.example.com"),
                443, false, "certs/web-cert"), "shop", new ArrayList<>());
        var grant = ingress.referenceGrant();
        assertThat(grant.getMetadata().getNamespace()).isEqualTo("certs");
        assertThat(grant.getSpec().getFrom()).singleElement().satisfies(f -> {
            assertThat(f.getKind()).isEqualTo("Gateway");
            assertThat(f.getNamespace()).isEqualTo("shop");
        });
        assertThat(grant.getSpec().getTo()).singleElement().satisfies(t -> {
            assertThat(t.getKind()).isEqualTo("Secret");
            assertThat(t.getName()).isEqualTo("web-cert");
        });
        assertThat(GatewayApiSchemas.validate(grant)).isEmpty();
        assertThat(IngressGateways.build(new GatewayPlan("web", true, List.of("a.example.com"), 443, false,
                "shop/web-cert"), "shop", new ArrayList<>()).referenceGrant()).isNull();
    }

    @Test
    void aManagedGatewayChangedByHandIsNotReadAsThePlans() {
        Gateway gateway = https();
        assertThat(IngressGateways.parse(gateway, "default", false)).isPresent();
        Gateway changed = Serialization.clone(gateway);
        changed.getSpec().getListeners().get(0).getAllowedRoutes().getNamespaces().setFrom("All");
        assertThat(IngressGateways.parse(changed, "default", false)).isEmpty();
    }
}
