package dev.trafficwizard.istio;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Istio's webhook rules, case by case: a valid object yields nothing, an invalid one the path expected. */
class IstioValidationTest {

    static final String VS_HEAD = "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
            + "metadata: {name: web, namespace: default}\nspec:\n";
    static final String DEST = "    route:\n    - destination: {host: web.default.svc.cluster.local}\n";
    static final String ROUTE = "  http:\n  - route:\n    - destination: {host: web.default.svc.cluster.local, subset: v1}\n";

    static Stream<Arguments> virtualServices() {
        return Stream.of(
                vs("mesh, FQDN", "  hosts: [web.default.svc.cluster.local]\n" + ROUTE, null),
                vs("trailing dot", "  hosts: [example.com.]\n" + ROUTE, null),
                vs("uppercase host", "  hosts: [Example.com]\n" + ROUTE, null),
                vs("IP host", "  hosts: [10.0.0.1]\n" + ROUTE, null),
                vs("* at a gateway", "  hosts: ['*']\n  gateways: [gw]\n" + ROUTE, null),
                vs("* in the mesh", "  hosts: ['*']\n" + ROUTE, "spec.hosts[0]"),
                vs("* with mesh listed", "  hosts: ['*']\n  gateways: [gw, mesh]\n" + ROUTE, "spec.hosts[0]"),
                vs("numeric TLD", "  hosts: [foo.123]\n" + ROUTE, "spec.hosts[0]"),
                vs("partial wildcard label is fine in a VirtualService", "  hosts: ['*-a.example.com']\n"
                        + "  gateways: [gw]\n" + ROUTE, null),
                vs("wildcard not first", "  hosts: [a.*.com]\n" + ROUTE, "spec.hosts[0]"),
                vs("duplicate", "  hosts: [a.com, a.com]\n" + ROUTE, "spec.hosts[1]"),
                vs("wildcard overlap", "  hosts: [a.example.com, '*.example.com']\n" + ROUTE, "spec.hosts[1]"),
                vs("* overlaps all", "  hosts: ['*', b.com]\n  gateways: [gw]\n" + ROUTE, "spec.hosts[1]"),
                vs("domain and wildcard do not overlap", "  hosts: [example.com, '*.example.com']\n" + ROUTE, null),
                vs("bad gateway name", "  hosts: [a.com]\n  gateways: [default/Bad_Name]\n" + ROUTE,
                        "spec.gateways[0]"),
                vs("no route", "  hosts: [a.com]\n  http:\n  - match: [{uri: {prefix: /a}}]\n", "spec.http[0]"),
                vs("negative weight", "  hosts: [a.com]\n  http:\n  - route:\n    - destination: {host: a.com}\n"
                        + "      weight: -1\n", "spec.http[0].route[0].weight"),
                vs("weights all zero", "  hosts: [a.com]\n  http:\n  - route:\n    - destination: {host: a.com}\n"
                        + "      weight: 0\n    - destination: {host: b.com}\n      weight: 0\n", "spec.http[0].route"),
                vs("destination *", "  hosts: [a.com]\n  http:\n  - route:\n    - destination: {host: '*'}\n",
                        "spec.http[0].route[0].destination.host"),
                vs("bad subset name", "  hosts: [a.com]\n  http:\n  - route:\n    - destination: {host: a.com, "
                        + "subset: v1.0}\n", "spec.http[0].route[0].destination.subset"),
                vs("uppercase and pseudo header names", "  hosts: [a.com]\n  http:\n  - match:\n    - headers:\n"
                        + "        X-Foo: {exact: a}\n        ':authority': {prefix: a}\n" + DEST, null),
                vs("bad header name", "  hosts: [a.com]\n  http:\n  - match:\n    - headers: {'a b': {exact: a}}\n"
                        + DEST, "spec.http[0].match[0].headers.a b"),
                vs("JWT claim at a gateway", "  hosts: [a.com]\n  gateways: [gw]\n  http:\n  - match:\n"
                        + "    - headers: {'@request.auth.claims.group': {exact: a}}\n" + DEST, null),
                vs("JWT claim in the mesh", "  hosts: [a.com]\n  http:\n  - match:\n"
                        + "    - headers: {'@request.auth.claims.group': {exact: a}}\n" + DEST,
                        "spec.http[0].match[0].headers.@request.auth.claims.group"),
                vs("Java-only regex", "  hosts: [a.com]\n  http:\n  - match:\n    - uri: {regex: 'a\\Z'}\n"
                        + DEST, "spec.http[0].match[0].uri"),
                vs("a{,3} is RE2", "  hosts: [a.com]\n  http:\n  - match:\n    - uri: {regex: 'a{,3}'}\n"
                        + DEST, null),
                vs("empty method prefix", "  hosts: [a.com]\n  http:\n  - match:\n    - method: {prefix: ''}\n"
                        + DEST, "spec.http[0].match[0].method"),
                vs("empty uri prefix is fine", "  hosts: [a.com]\n  http:\n  - match:\n    - uri: {prefix: ''}\n"
                        + DEST, null));
    }

    static Stream<Arguments> destinationRules() {
        String head = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\n"
                + "metadata: {name: web, namespace: default}\nspec:\n  host: web.default.svc.cluster.local\n";
        return Stream.of(
                Arguments.of("subsets", head + "  subsets:\n  - {name: v1, labels: {version: v1.0}}\n"
                        + "  - {name: v2, labels: {version: V2}}\n", null),
                Arguments.of("duplicate subset", head + "  subsets:\n  - {name: v1, labels: {version: v1}}\n"
                        + "  - {name: v1, labels: {version: V1}}\n", "spec.subsets[1].name"),
                Arguments.of("subset name not a label", head + "  subsets:\n  - {name: v1.0, labels: {version: a}}\n",
                        "spec.subsets[0].name"),
                Arguments.of("bad label value", head + "  subsets:\n  - {name: v1, labels: {version: 'a b'}}\n",
                        "spec.subsets[0].labels"),
                Arguments.of("cookie without name", head + "  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n"
                        + "        httpCookie: {ttl: 0s}\n", "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name"),
                Arguments.of("header key", head + "  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n"
                        + "        httpHeaderName: x-user\n", null),
                Arguments.of("empty traffic policy", head + "  trafficPolicy: {}\n", "spec.trafficPolicy"));
    }

    static Stream<Arguments> gateways() {
        String head = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: default}\n"
                + "spec:\n  selector: {istio: ingressgateway}\n  servers:\n";
        return Stream.of(
                Arguments.of("http 80", head + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                        + "    hosts: ['*', example.com, '*.example.com', ./a.example.com, 'ns/b.example.com']\n", null),
                Arguments.of("http 8080", head + "  - port: {number: 8080, name: http-8080, protocol: HTTP}\n"
                        + "    hosts: [example.com.]\n", null),
                Arguments.of("short name", head + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                        + "    hosts: [example.com, localhost]\n", "spec.servers[0].hosts[1]"),
                Arguments.of("numeric TLD", head + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                        + "    hosts: [foo.123]\n", "spec.servers[0].hosts[0]"),
                Arguments.of("partial wildcard", head + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                        + "    hosts: ['*-a.example.com']\n", "spec.servers[0].hosts[0]"),
                Arguments.of("bad namespace", head + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                        + "    hosts: [Bad_Ns/a.com]\n", "spec.servers[0].hosts[0]"),
                Arguments.of("no hosts", head + "  - port: {number: 80, name: http, protocol: HTTP}\n",
                        "spec.servers[0].hosts"),
                Arguments.of("port 0", head + "  - port: {number: 0, name: http, protocol: HTTP}\n    hosts: ['*']\n",
                        "spec.servers[0].port.number"),
                Arguments.of("bad protocol", head + "  - port: {number: 80, name: http, protocol: SPDY}\n"
                        + "    hosts: ['*']\n", "spec.servers[0].port.protocol"),
                Arguments.of("no port name", head + "  - port: {number: 80, protocol: HTTP}\n    hosts: ['*']\n",
                        "spec.servers[0].port.name"),
                Arguments.of("HTTPS without TLS", head + "  - port: {number: 443, name: https, protocol: HTTPS}\n"
                        + "    hosts: ['*']\n", "spec.servers[0].tls"),
                Arguments.of("HTTPS with a credential", head + "  - port: {number: 443, name: https, protocol: HTTPS}\n"
                        + "    hosts: ['*']\n    tls: {mode: SIMPLE, credentialName: tls-secret}\n", null),
                Arguments.of("HTTPS SIMPLE without certificate", head + "  - port: {number: 443, name: https, "
                        + "protocol: HTTPS}\n    hosts: ['*']\n    tls: {mode: SIMPLE}\n", "spec.servers[0].tls"),
                Arguments.of("TLS on plain HTTP", head + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                        + "    hosts: ['*']\n    tls: {mode: SIMPLE, credentialName: x}\n", "spec.servers[0].tls"),
                Arguments.of("duplicate port names", head + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                        + "    hosts: ['*']\n  - port: {number: 81, name: http, protocol: HTTP}\n    hosts: ['*']\n",
                        "spec.servers[1].port.name"));
    }

    static Arguments vs(String name, String spec, String path) {
        return Arguments.of(name, VS_HEAD + spec, path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("virtualServices")
    void virtualService(String name, String yaml, String path) {
        verify(Serialization.unmarshal(yaml, VirtualService.class), path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("destinationRules")
    void destinationRule(String name, String yaml, String path) {
        verify(Serialization.unmarshal(yaml, DestinationRule.class), path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateways")
    void gateway(String name, String yaml, String path) {
        verify(Serialization.unmarshal(yaml, Gateway.class), path);
    }

    private static void verify(HasMetadata object, String path) {
        var violations = IstioValidation.validate(object);
        if (path == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).extracting(Violation::path).contains(path);
            assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
        }
    }
}
