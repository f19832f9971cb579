package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TrafficPolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The #16 parts of generated plans, only with values Istio accepts (the plan checks do not filter
 * them yet): a rule's mirror, fault, timeout, retries and header changes; the service's and the
 * versions' traffic policies.
 */
final class ResilienceGenerator {

    private final PlanGenerator g;

    ResilienceGenerator(PlanGenerator g) {
        this.g = g;
    }

    Rule on(Rule rule) {
        Mirror mirror = g.chance(0.25) ? new Mirror(g.pick(PlanGenerator.VERSIONS),
                g.pick(java.util.Arrays.asList(null, 0.0, 10.0, 50.5, 100.0))) : null;
        Fault fault = g.chance(0.2) ? fault() : null;
        String timeout = g.chance(0.25) ? g.pick(List.of("2s", "500ms", "1m", "1.5s")) : null;
        Retries retries = g.chance(0.25) ? retries() : null;
        HeaderChanges headers = g.chance(0.2) ? headers() : null;
        return new Rule(rule.match(), rule.route(), mirror, fault, timeout, retries, headers);
    }

    private Fault fault() {
    // a fault percent of 100 reads back as absent (the plan's default), so it is generated as null
        Fault.Delay delay = g.chance(0.6) ? new Fault.Delay(g.pick(List.of("1s", "250ms", "2.5s")),
                g.pick(java.util.Arrays.asList(null, 5.0, 0.001, 99.5))) : null;
        Fault.Abort abort = delay == null || g.chance(0.5) ? new Fault.Abort(g.pick(List.of(503, 404, 429, 500)),
                g.pick(java.util.Arrays.asList(null, 1.0, 0.0, 50.0))) : null;
        return new Fault(delay, abort);
    }

    private Retries retries() {
        if (g.chance(0.15)) {
            return new Retries(0, null, null);
        }
        return new Retries(1 + g.pick(List.of(0, 1, 2, 4)), g.pick(java.util.Arrays.asList(null, "500ms", "2s")),
                g.pick(java.util.Arrays.asList(null, "5xx", "5xx,connect-failure", "gateway-error,503")));
    }

    private HeaderChanges headers() {
        HeaderChanges.Operations request = g.chance(0.6) ? operations() : null;
        HeaderChanges.Operations response = request == null || g.chance(0.5) ? operations() : null;
        return new HeaderChanges(request, response);
    }

    private HeaderChanges.Operations operations() {
        Map<String, String> set = new LinkedHashMap<>();
        Map<String, String> add = new LinkedHashMap<>();
        List<String> remove = g.chance(0.3) ? List.of("x-internal") : List.of();
        if (g.chance(0.6)) {
            set.put("x-route", g.pick(List.of("wizard", "%HOSTNAME%", "100%%")));
        }
        if (set.isEmpty() && remove.isEmpty() || g.chance(0.3)) {
            add.put("x-trace", "on");
        }
        return new HeaderChanges.Operations(set, add, remove);
    }

    /** A service policy or null; with {@code hashed} (a sticky session hashes) no simple load balancer. */
    TrafficPolicy policy(boolean hashed) {
        if (!g.chance(0.3)) {
            return null;
        }
        TrafficPolicy.Tls tls = g.chance(0.4) ? g.pick(List.of(new TrafficPolicy.Tls("ISTIO_MUTUAL", null, null),
                new TrafficPolicy.Tls("DISABLE", null, null), new TrafficPolicy.Tls("SIMPLE", "shop-ca", "shop.example.com"),
                new TrafficPolicy.Tls("MUTUAL", "shop-client", null))) : null;
        TrafficPolicy.LoadBalancer lb = !hashed && g.chance(0.4) ? new TrafficPolicy.LoadBalancer(
                g.pick(List.of("ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH")), null) : null;
        TrafficPolicy.ConnectionPool pool = g.chance(0.4) ? new TrafficPolicy.ConnectionPool(
                g.chance(0.7) ? new TrafficPolicy.ConnectionPool.Tcp(g.pick(List.of(1, 100)),
                        g.pick(java.util.Arrays.asList(null, "3s"))) : null,
                new TrafficPolicy.ConnectionPool.Http(g.pick(java.util.Arrays.asList(null, 10)),
                        g.pick(java.util.Arrays.asList(null, 100)), g.pick(java.util.Arrays.asList(null, 1)), 3)) : null;
        TrafficPolicy.OutlierDetection outlier = g.chance(0.4) || tls == null && lb == null && pool == null
                ? new TrafficPolicy.OutlierDetection(g.pick(List.of(0, 5)), g.pick(java.util.Arrays.asList(null, "10s")),
                g.pick(java.util.Arrays.asList(null, "30s")), g.pick(java.util.Arrays.asList(null, 0, 50, 100))) : null;
        return new TrafficPolicy(tls, lb, pool, outlier);
    }

    /** Policies for some of the versions (routed or not: one no rule uses is not written). */
    Map<String, TrafficPolicy> versionPolicies() {
        Map<String, TrafficPolicy> out = new LinkedHashMap<>();
        if (g.chance(0.25)) {
            for (String version : g.some(PlanGenerator.VERSIONS, 2)) {
                TrafficPolicy policy = policy(false);
                if (policy != null) {
                    out.put(version, policy);
                }
            }
        }
        return out;
    }
}
