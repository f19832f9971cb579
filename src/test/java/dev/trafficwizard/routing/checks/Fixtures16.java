package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TrafficPolicy;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.routing.checks.Fixtures.to;

/** Builders for the #16 fields: rule resilience, new match fields, traffic policies. */
final class Fixtures16 {

    private Fixtures16() {
    }

    /** A catch-all rule to {@code original} with these resilience settings. */
    static Rule resilient(Mirror mirror, Fault fault, String timeout, Retries retries, HeaderChanges headers) {
        return new Rule(List.of(), List.of(to("original", 100)), mirror, fault, timeout, retries, headers);
    }

    static RoutingPlan plan(Rule... rules) {
        return new RoutingPlan("default", "fleetman-webapp", List.of(), null, List.of(rules), null);
    }

    static RoutingPlan plan(GatewayPlan gateway, Rule... rules) {
        return new RoutingPlan("default", "fleetman-webapp", List.of(), gateway, List.of(rules), null);
    }

    static RoutingPlan mirrored(Mirror mirror) {
        return plan(resilient(mirror, null, null, null, null));
    }

    static RoutingPlan faulty(Fault fault) {
        return plan(resilient(null, fault, null, null, null));
    }

    static RoutingPlan timed(String timeout, Retries retries) {
        return plan(resilient(null, null, timeout, retries, null));
    }

    static RoutingPlan changing(HeaderChanges.Operations request, HeaderChanges.Operations response) {
        return plan(resilient(null, null, null, null, new HeaderChanges(request, response)));
    }

    static HeaderChanges.Operations set(String name, String value) {
        return new HeaderChanges.Operations(Map.of(name, value), null, null);
    }

    static HeaderChanges.Operations add(String name, String value) {
        return new HeaderChanges.Operations(null, Map.of(name, value), null);
    }

    static HeaderChanges.Operations remove(String... names) {
        return new HeaderChanges.Operations(null, null, List.of(names));
    }

    static Fault delay(String fixed, Double percent) {
        return new Fault(new Fault.Delay(fixed, percent), null);
    }

    static Fault abort(Integer status, Double percent) {
        return new Fault(null, new Fault.Abort(status, percent));
    }

    static MatchCondition without(String name, StringMatch m) {
        return new MatchCondition(null, null, null, null, null, Map.of(name, m), null, null);
    }

    static MatchCondition port(Integer port) {
        return new MatchCondition(null, null, null, null, null, null, port, null);
    }

    static MatchCondition from(String key, String value) {
        return new MatchCondition(null, null, null, null, null, null, null, Map.of(key, value));
    }

    static MatchCondition prefixOnPort(String prefix, Integer port) {
        return new MatchCondition(new StringMatch(null, prefix, null), null, null, null, null, null, port, null);
    }

    static RoutingPlan policed(TrafficPolicy service, Map<String, TrafficPolicy> versions) {
        return new RoutingPlan("default", "fleetman-webapp", List.of(), null,
                List.of(new Rule(List.of(), List.of(to("original", 90), to("experimental", 10)))), null, null,
                service, versions);
    }

    static RoutingPlan policed(TrafficPolicy service) {
        return policed(service, null);
    }

    static TrafficPolicy tls(String mode, String credentialName) {
        return new TrafficPolicy(new TrafficPolicy.Tls(mode, credentialName, null), null, null, null);
    }

    static TrafficPolicy lb(String simple, StickySession hash) {
        return new TrafficPolicy(null, new TrafficPolicy.LoadBalancer(simple, hash), null, null);
    }

    static TrafficPolicy tcp(Integer maxConnections, String connectTimeout) {
        return new TrafficPolicy(null, null, new TrafficPolicy.ConnectionPool(
                new TrafficPolicy.ConnectionPool.Tcp(maxConnections, connectTimeout), null), null);
    }

    static TrafficPolicy http(Integer pending, Integer h2, Integer perConnection, Integer retries) {
        return new TrafficPolicy(null, null, new TrafficPolicy.ConnectionPool(null,
                new TrafficPolicy.ConnectionPool.Http(pending, h2, perConnection, retries)), null);
    }

    static TrafficPolicy outlier(Integer errors, String interval, String baseEjection, Integer maxPercent) {
        return new TrafficPolicy(null, null, null,
                new TrafficPolicy.OutlierDetection(errors, interval, baseEjection, maxPercent));
    }
}
