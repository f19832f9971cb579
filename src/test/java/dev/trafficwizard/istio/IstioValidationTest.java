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

    /** A rule's header operations, fault, mirror, retries and timeout, and matches on missing headers. */
    static Stream<Arguments> ruleFields() {
        String head = "  hosts: [a.com]\n  http:\n  - route:\n    - destination: {host: a.com, subset: v1}\n";
        String at = "spec.http[0]";
        return Stream.of(
                vs("everything valid", head + "    timeout: 2s\n    retries: {attempts: 3, perTryTimeout: 500ms,"
                        + " retryOn: '5xx,connect-failure,503,unavailable'}\n"
                        + "    fault: {delay: {fixedDelay: 1.5s, percentage: {value: 0.5}}, abort: {httpStatus: 503,"
                        + " percentage: {value: 100}}}\n    mirror: {host: a.com, subset: v2}\n"
                        + "    mirrorPercentage: {value: 0}\n    headers: {request: {set: {':authority': b.com, x-a: '%HOSTNAME%'},"
                        + " remove: [x-b]}, response: {add: {x-c: '100%%'}}}\n", null),
                vs("timeout below 1ms", head + "    timeout: 500us\n", at + ".timeout"),
                vs("timeout finer than ms", head + "    timeout: 1.0005s\n", at + ".timeout"),
                vs("timeout not a duration", head + "    timeout: soon\n", at + ".timeout"),
                vs("negative attempts", head + "    retries: {attempts: -1}\n", at + ".retries.attempts"),
                vs("retry policy with 0 attempts", head + "    retries: {attempts: 0, retryOn: 5xx}\n", at + ".retries"),
                vs("0 attempts alone turns retries off", head + "    retries: {attempts: 0}\n", null),
                vs("unknown retryOn", head + "    retries: {attempts: 2, retryOn: '5xx,sometimes'}\n",
                        at + ".retries.retryOn"),
                vs("unknown status in retryOn", head + "    retries: {attempts: 2, retryOn: '599'}\n",
                        at + ".retries.retryOn"),
                vs("perTryTimeout 0", head + "    retries: {attempts: 2, perTryTimeout: 0s}\n",
                        at + ".retries.perTryTimeout"),
                vs("empty fault", head + "    fault: {}\n", at + ".fault"),
                vs("abort status 199", head + "    fault: {abort: {httpStatus: 199}}\n", at + ".fault.abort.httpStatus"),
                vs("abort status 600 is accepted", head + "    fault: {abort: {httpStatus: 600}}\n", null),
                vs("delay percentage over 100", head + "    fault: {delay: {fixedDelay: 1s, percentage: {value: 101}}}\n",
                        at + ".fault.delay.percentage.value"),
                vs("abort percentage too small", head + "    fault: {abort: {httpStatus: 500, percentage: {value: 0.00001}}}\n",
                        at + ".fault.abort.percentage.value"),
                vs("delay 0s", head + "    fault: {delay: {fixedDelay: 0s}}\n", at + ".fault.delay.fixedDelay"),
                vs("mirror percentage over 100", head + "    mirror: {host: a.com}\n    mirrorPercentage: {value: 100.5}\n",
                        at + ".mirrorPercentage.value"),
                vs("mirror to *", head + "    mirror: {host: '*'}\n", at + ".mirror.host"),
                vs("mirror subset not a label", head + "    mirror: {host: a.com, subset: v1.0}\n", at + ".mirror.subset"),
                vs("response header named host", head + "    headers: {response: {set: {Host: a}}}\n",
                        at + ".headers.response.set.Host"),
                vs("removing a pseudo header", head + "    headers: {request: {remove: [':path']}}\n",
                        at + ".headers.request.remove[0]"),
                vs("setting a pseudo header", head + "    headers: {request: {add: {':path': /x}}}\n",
                        at + ".headers.request.add.:path"),
                vs("un-escaped percent", head + "    headers: {request: {set: {x-a: '50%'}}}\n",
                        at + ".headers.request.set.x-a"),
                vs("control character in a value", head + "    headers: {request: {set: {x-a: \"a\\u0001b\"}}}\n",
                        at + ".headers.request.set.x-a"),
                vs("authority set twice", head + "    headers: {request: {set: {':authority': a.com, host: b.com}}}\n",
                        at + ".headers.request"),
                vs("withoutHeaders present and regex *", "  hosts: [a.com]\n  http:\n  - match:\n"
                        + "    - withoutHeaders: {x-a: {}, x-b: {regex: '*'}, x-c: {prefix: a}}\n      port: 8080\n"
                        + "      sourceLabels: {app: web}\n" + DEST, null),
                vs("withoutHeaders bad name", "  hosts: [a.com]\n  http:\n  - match:\n"
                        + "    - withoutHeaders: {'a b': {exact: a}}\n" + DEST, "spec.http[0].match[0].withoutHeaders.a b"),
                vs("withoutHeaders empty prefix", "  hosts: [a.com]\n  http:\n  - match:\n"
                        + "    - withoutHeaders: {x-a: {prefix: ''}}\n" + DEST, "spec.http[0].match[0].withoutHeaders.x-a"),
                vs("port out of range", "  hosts: [a.com]\n  http:\n  - match:\n    - port: 70000\n" + DEST,
                        "spec.http[0].match[0].port"),
                vs("bad source label", "  hosts: [a.com]\n  http:\n  - match:\n    - sourceLabels: {app: 'a b'}\n" + DEST,
                        "spec.http[0].match[0].sourceLabels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleFields")
    void ruleField(String name, String yaml, String path) {
        verify(Serialization.unmarshal(yaml, VirtualService.class), path);
    }

    /** TLS, connection pool and outlier detection of a traffic policy (top level or a subset's). */
    static Stream<Arguments> trafficPolicies() {
        String head = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\n"
                + "metadata: {name: web, namespace: default}\nspec:\n  host: web.default.svc.cluster.local\n"
                + "  trafficPolicy:\n";
        String at = "spec.trafficPolicy";
        return Stream.of(
                Arguments.of("everything valid", head + "    tls: {mode: SIMPLE, credentialName: ca, sni: a.com}\n"
                        + "    loadBalancer: {simple: LEAST_REQUEST}\n"
                        + "    connectionPool: {tcp: {maxConnections: 0, connectTimeout: 30ms}, http: {http1MaxPendingRequests: 1,"
                        + " http2MaxRequests: 1, maxRequestsPerConnection: 1, maxRetries: 0}}\n"
                        + "    outlierDetection: {consecutive5xxErrors: 0, interval: 1m, baseEjectionTime: 30s, maxEjectionPercent: 100}\n",
                        null),
                Arguments.of("empty connection pool", head + "    connectionPool: {}\n", at + ".connectionPool"),
                Arguments.of("negative max connections", head + "    connectionPool: {tcp: {maxConnections: -1}}\n",
                        at + ".connectionPool.tcp.maxConnections"),
                Arguments.of("negative pending requests", head + "    connectionPool: {http: {http1MaxPendingRequests: -1}}\n",
                        at + ".connectionPool.http.http1MaxPendingRequests"),
                Arguments.of("negative max retries", head + "    connectionPool: {http: {maxRetries: -2}}\n",
                        at + ".connectionPool.http.maxRetries"),
                Arguments.of("connect timeout 0", head + "    connectionPool: {tcp: {connectTimeout: 0s}}\n",
                        at + ".connectionPool.tcp.connectTimeout"),
                Arguments.of("interval not a duration", head + "    outlierDetection: {interval: 10}\n",
                        at + ".outlierDetection.interval"),
                Arguments.of("ejection time finer than ms", head + "    outlierDetection: {baseEjectionTime: 1500us}\n",
                        at + ".outlierDetection.baseEjectionTime"),
                Arguments.of("ejection percent over 100", head + "    outlierDetection: {maxEjectionPercent: 101}\n",
                        at + ".outlierDetection.maxEjectionPercent"),
                Arguments.of("local origin failures without split", head
                        + "    outlierDetection: {consecutiveLocalOriginFailures: 3}\n",
                        at + ".outlierDetection.consecutiveLocalOriginFailures"),
                Arguments.of("MUTUAL without certificates", head + "    tls: {mode: MUTUAL}\n", at + ".tls.clientCertificate"),
                Arguments.of("MUTUAL with a credential", head + "    tls: {mode: MUTUAL, credentialName: client}\n", null),
                Arguments.of("credential and certificate", head
                        + "    tls: {mode: SIMPLE, credentialName: ca, caCertificates: /etc/ca.pem}\n", at + ".tls"),
                Arguments.of("insecure with a CA", head + "    tls: {mode: SIMPLE, insecureSkipVerify: true, credentialName: ca}\n",
                        at + ".tls"),
                Arguments.of("subset policy checked too", head + "    tls: {mode: ISTIO_MUTUAL}\n  subsets:\n"
                        + "  - name: v1\n    labels: {version: v1}\n    trafficPolicy: {connectionPool: {tcp: {maxConnections: -5}}}\n",
                        "spec.subsets[0].trafficPolicy.connectionPool.tcp.maxConnections"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trafficPolicies")
    void trafficPolicy(String name, String yaml, String path) {
        verify(Serialization.unmarshal(yaml, DestinationRule.class), path);
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
