package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.TrafficPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.Severity.WARNING;
import static dev.trafficwizard.routing.checks.Fixtures.*;
import static dev.trafficwizard.routing.checks.Fixtures16.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class TrafficPolicyCheckTest {

    static final StickySession BY_HEADER = new StickySession("x-user", null, null, null);
    static final String P = "trafficPolicy";

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("ISTIO_MUTUAL", policed(tls("ISTIO_MUTUAL", null)), context(WEBAPP)),
                passes("mode absent (DISABLE)", policed(tls(null, null)), context(WEBAPP)),
                passes("SIMPLE with and without credential", policed(tls("SIMPLE", "ca"),
                        Map.of("experimental", tls("SIMPLE", null))), context(WEBAPP)),
                passes("MUTUAL with credential", policed(tls("MUTUAL", "client-cert")), context(WEBAPP)),
                fails("unknown TLS mode", policed(tls("STRICT", null)), context(WEBAPP),
                        "UNKNOWN_CHOICE", ERROR, P + ".tls.mode"),
                fails("lowercase TLS mode", policed(tls("istio_mutual", null)), context(WEBAPP),
                        "UNKNOWN_CHOICE", ERROR, P + ".tls.mode"),
                fails("MUTUAL without credential", policed(tls("MUTUAL", null)), context(WEBAPP),
                        "TLS_CREDENTIAL_REQUIRED", ERROR, P + ".tls.credentialName"),
                fails("line break in the SNI", policed(new TrafficPolicy(new TrafficPolicy.Tls("SIMPLE", null, "a\nb"),
                        null, null, null)), context(WEBAPP), "CONTROL_CHARACTER", ERROR, P + ".tls.sni"),
                fails("credential with ISTIO_MUTUAL", policed(tls("ISTIO_MUTUAL", "cert")), context(WEBAPP),
                        "TLS_CREDENTIAL_IGNORED", WARNING, P + ".tls.credentialName"),
                passes("simple balancers", policed(lb("LEAST_REQUEST", null), Map.of("original", lb("ROUND_ROBIN", null),
                        "experimental", lb("PASSTHROUGH", null))), context(WEBAPP)),
                passes("consistent hash per version", policed(null, Map.of("original", lb(null, BY_HEADER))),
                        context(WEBAPP)),
                fails("LEAST_CONN", policed(lb("LEAST_CONN", null)), context(WEBAPP),
                        "LB_DEPRECATED", WARNING, P + ".loadBalancer.simple"),
                fails("unknown simple balancer", policed(lb("FASTEST", null)), context(WEBAPP),
                        "UNKNOWN_CHOICE", ERROR, P + ".loadBalancer.simple"),
                fails("both simple and hash", policed(lb("RANDOM", BY_HEADER)), context(WEBAPP),
                        "LB_ONE_CHOICE", ERROR, P + ".loadBalancer"),
                fails("neither simple nor hash", policed(lb(null, null)), context(WEBAPP),
                        "LB_ONE_CHOICE", ERROR, P + ".loadBalancer"),
                fails("hash with two keys", policed(lb(null, new StickySession("x-user", null, true, null))),
                        context(WEBAPP), "STICKY_ONE_KEY", ERROR, P + ".loadBalancer.consistentHash"),
                fails("hash with a bad header", policed(null, Map.of("original", lb(null,
                        new StickySession("x user", null, null, null)))), context(WEBAPP), "INVALID_HEADER_NAME", ERROR,
                        "versionPolicies.original.loadBalancer.consistentHash.httpHeaderName"),
                fails("hash pinning versions", policed(lb(null, new StickySession("x-user", null, null, null, "tw"))),
                        context(WEBAPP), "PIN_COOKIE_IN_POLICY", ERROR, P + ".loadBalancer.consistentHash.keepVersionCookie"),
                fails("hash with only a pin cookie", policed(lb(null, new StickySession(null, null, null, null, "tw"))),
                        context(WEBAPP), "STICKY_ONE_KEY", ERROR, P + ".loadBalancer.consistentHash"),
                fails("sticky session twice", new RoutingPlan("default", "fleetman-webapp", List.of(), null,
                        List.of(otherwise("original")), BY_HEADER, null, lb(null, BY_HEADER), null), context(WEBAPP),
                        "STICKY_TWICE", ERROR, P + ".loadBalancer.consistentHash"),
                passes("pool and outlier detection", policed(new TrafficPolicy(null, null,
                        new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(100, "1ms"),
                                new TrafficPolicy.ConnectionPool.Http(10, 100, 1, 3)),
                        new TrafficPolicy.OutlierDetection(0, "1ms", "30s", 100))), context(WEBAPP)),
                passes("max ejection 0", policed(outlier(5, null, null, 0)), context(WEBAPP)),
                fails("empty pool", policed(new TrafficPolicy(null, null, new TrafficPolicy.ConnectionPool(null, null),
                        null)), context(WEBAPP), "POOL_EMPTY", ERROR, P + ".connectionPool"),
                fails("negative connections", policed(tcp(-1, null)), context(WEBAPP),
                        "NEGATIVE_NUMBER", ERROR, P + ".connectionPool.tcp.maxConnections"),
                fails("zero connections", policed(tcp(0, null)), context(WEBAPP),
                        "POOL_ZERO_UNLIMITED", WARNING, P + ".connectionPool.tcp.maxConnections"),
                fails("negative pending requests", policed(http(-5, null, null, null)), context(WEBAPP),
                        "NEGATIVE_NUMBER", ERROR, P + ".connectionPool.http.http1MaxPendingRequests"),
                fails("zero requests per connection", policed(null, Map.of("experimental", http(null, null, 0, null))),
                        context(WEBAPP), "POOL_ZERO_UNLIMITED", WARNING,
                        "versionPolicies.experimental.connectionPool.http.maxRequestsPerConnection"),
                fails("negative max retries", policed(http(null, null, null, -1)), context(WEBAPP),
                        "NEGATIVE_NUMBER", ERROR, P + ".connectionPool.http.maxRetries"),
                fails("negative http2 requests", policed(http(null, -1, null, null)), context(WEBAPP),
                        "NEGATIVE_NUMBER", ERROR, P + ".connectionPool.http.http2MaxRequests"),
                fails("connect timeout 0s", policed(tcp(10, "0s")), context(WEBAPP),
                        "DURATION_TOO_SHORT", ERROR, P + ".connectionPool.tcp.connectTimeout"),
                fails("negative 5xx errors", policed(outlier(-1, null, null, null)), context(WEBAPP),
                        "NEGATIVE_NUMBER", ERROR, P + ".outlierDetection.consecutive5xxErrors"),
                fails("interval without unit", policed(outlier(5, "10", null, null)), context(WEBAPP),
                        "INVALID_DURATION", ERROR, P + ".outlierDetection.interval"),
                fails("ejection time finer than 1ms", policed(outlier(5, null, "30.0005s", null)), context(WEBAPP),
                        "DURATION_PRECISION", ERROR, P + ".outlierDetection.baseEjectionTime"),
                fails("max ejection over 100", policed(outlier(5, null, null, 101)), context(WEBAPP),
                        "PERCENT_RANGE", ERROR, P + ".outlierDetection.maxEjectionPercent"),
                fails("policy for an unknown version", policed(null, Map.of("v9", tcp(10, null))), context(WEBAPP),
                        "UNKNOWN_VERSION", ERROR, "versionPolicies.v9"),
                fails("policy for a version no rule uses", new RoutingPlan("default", "fleetman-webapp", List.of(),
                        null, List.of(otherwise("original")), null, null, null, Map.of("experimental", tcp(10, null))),
                        context(WEBAPP), "VERSION_POLICY_UNUSED", WARNING, "versionPolicies.experimental"),
                passes("policy for a mirrored version", new RoutingPlan("default", "fleetman-webapp", List.of(), null,
                        List.of(resilient(new dev.trafficwizard.routing.Mirror("experimental", 5.0), null, null, null,
                                null)), null, null, null, Map.of("experimental", tcp(10, null))), context(WEBAPP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new TrafficPolicyCheck(), plan, context, code, severity, path);
    }

    @Test
    void aConsistentHashUnderTheServicePolicyWarnsOfTheWeightedSplitAtItsPath() {
        RoutingPlan plan = policed(lb(null, BY_HEADER));
        List<Diagnostic> out = new ArrayList<>();
        new StickyWeightedCheck().check(plan, context(WEBAPP), out);
        assertThat(out).extracting(Diagnostic::code, Diagnostic::severity, Diagnostic::path)
                .containsExactly(tuple("STICKY_WEIGHTED", WARNING, P + ".loadBalancer.consistentHash"));
    }

    @Test
    void aConsistentHashOfOneVersionWarnsOfTheSplitToo() {
        // the version is still picked at random per request before that version's hash chooses a pod
        RoutingPlan plan = policed(null, Map.of("original", lb(null, BY_HEADER)));
        List<Diagnostic> out = new ArrayList<>();
        new StickyWeightedCheck().check(plan, context(WEBAPP), out);
        assertThat(out).extracting(Diagnostic::code, Diagnostic::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STICKY_WEIGHTED",
                        "versionPolicies.original.loadBalancer.consistentHash"));
    }

    @Test
    void aStickySessionAndASimpleLoadBalancerAreOneChoiceTooMany() {
        RoutingPlan plan = new RoutingPlan("default", "fleetman-webapp", List.of(), null,
                List.of(new dev.trafficwizard.routing.Rule(List.of(), List.of(to("original", 100)))),
                BY_HEADER, null, lb("RANDOM", null), Map.of());
        List<Diagnostic> out = new ArrayList<>();
        new TrafficPolicyCheck().check(plan, context(WEBAPP), out);
        assertThat(out).extracting(Diagnostic::code, Diagnostic::path)
                .contains(org.assertj.core.groups.Tuple.tuple("LB_ONE_CHOICE", "trafficPolicy.loadBalancer.simple"));
    }

    @Test
    void aFullPlanWithEveryNewFieldPassesTheWholeValidator() {
        Rule rule = new Rule(List.of(new dev.trafficwizard.routing.MatchCondition(prefix("/api"),
                null, null, null, null, Map.of("x-legacy", present()), 8080, null)),
                List.of(to("original", 90), to("experimental", 10)),
                new dev.trafficwizard.routing.Mirror("experimental", 10.0), delay("2s", 5.0), "2s",
                new dev.trafficwizard.routing.Retries(3, "500ms", "5xx,connect-failure"),
                new dev.trafficwizard.routing.HeaderChanges(set("x-a", "1"), remove("x-b")));
        RoutingPlan plan = new RoutingPlan("default", "fleetman-webapp", List.of(), null,
                List.of(rule, otherwise("original")), null, null,
                new TrafficPolicy(new TrafficPolicy.Tls("ISTIO_MUTUAL", null, null),
                        new TrafficPolicy.LoadBalancer("LEAST_REQUEST", null),
                        new TrafficPolicy.ConnectionPool(new TrafficPolicy.ConnectionPool.Tcp(100, "2s"),
                                new TrafficPolicy.ConnectionPool.Http(10, null, 1, null)),
                        new TrafficPolicy.OutlierDetection(5, "10s", "30s", 50)),
                Map.of("experimental", tcp(10, null)));
        assertThat(PlanValidator.validate(plan, WEBAPP, MESH))
                .extracting(Diagnostic::code, Diagnostic::severity, Diagnostic::path)
                .containsExactly(tuple("HEADER_PROPAGATION", WARNING, "rules[0].match[0].withoutHeaders.x-legacy"));
    }
}
