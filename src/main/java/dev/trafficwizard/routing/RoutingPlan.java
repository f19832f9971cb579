package dev.trafficwizard.routing;

import java.util.List;

/**
 * What a user wants for one service: ordered rules of weighted version destinations, optional
 * hosts, optional gateway exposure and optional sticky sessions. Forms and the REST API both
 * produce plans; {@code istio/} turns them into Istio objects, {@code gatewayapi/} into Gateway API
 * ones. {@code api} names which ({@link RoutingApi#value()}); null lets the namespace decide.
 */
public record RoutingPlan(
        String namespace,
        String service,
        List<String> hosts,
        GatewayPlan gateway,
        List<Rule> rules,
        StickySession stickySession,
        String api,
        TrafficPolicy trafficPolicy,
        java.util.Map<String, TrafficPolicy> versionPolicies) {

    public RoutingPlan {
        hosts = Copies.list(hosts);
        rules = Copies.list(rules);
        versionPolicies = Copies.map(versionPolicies);
    }

    /** A plan without traffic policies. */
    public RoutingPlan(String namespace, String service, List<String> hosts, GatewayPlan gateway, List<Rule> rules,
                       StickySession stickySession, String api) {
        this(namespace, service, hosts, gateway, rules, stickySession, api, null, null);
    }

    /** A plan that leaves the API to the namespace's choice. */
    public RoutingPlan(String namespace, String service, List<String> hosts, GatewayPlan gateway, List<Rule> rules,
                       StickySession stickySession) {
        this(namespace, service, hosts, gateway, rules, stickySession, null);
    }

    /** The same plan written with {@code api}. */
    public RoutingPlan withApi(RoutingApi api) {
        return new RoutingPlan(namespace, service, hosts, gateway, rules, stickySession,
                api == null ? null : api.value(), trafficPolicy, versionPolicies);
    }

    /** The same plan with {@code rules} instead. */
    public RoutingPlan withRules(List<Rule> rules) {
        return new RoutingPlan(namespace, service, hosts, gateway, rules, stickySession, api, trafficPolicy,
                versionPolicies);
    }

    /** The same plan with these traffic policies instead. */
    public RoutingPlan withPolicies(TrafficPolicy trafficPolicy, java.util.Map<String, TrafficPolicy> versionPolicies) {
        return new RoutingPlan(namespace, service, hosts, gateway, rules, stickySession, api, trafficPolicy,
                versionPolicies);
    }

    /**
     * The sticky session the plan asks for: {@code stickySession}, else the consistent hash of
     * {@code trafficPolicy.loadBalancer} (the same setting under Istio's name). Validation refuses
     * a plan giving both.
     */
    public StickySession sticky() {
        if (stickySession != null) {
            return stickySession;
        }
        return trafficPolicy == null || trafficPolicy.loadBalancer() == null ? null
                : trafficPolicy.loadBalancer().consistentHash();
    }

    /** The versions that mirror copies go to, which need a subset (or version Service) as routed ones do. */
    public java.util.Set<String> versionsMirrored() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        rules.stream().filter(java.util.Objects::nonNull).map(Rule::mirror).filter(java.util.Objects::nonNull)
                .map(Mirror::version).filter(java.util.Objects::nonNull).forEach(out::add);
        return out;
    }

    /** The versions the rules route or mirror to, in the service's order (main version first), then any it lacks. */
    public java.util.Set<String> versionsRouted(TargetService target) {
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        rules.forEach(r -> r.route().forEach(d -> used.add(d.version())));
        used.addAll(versionsMirrored());
        java.util.Set<String> ordered = new java.util.LinkedHashSet<>();
        target.versions().stream().map(TargetService.ServiceVersion::version).filter(used::contains)
                .forEach(ordered::add);
        ordered.addAll(used);
        return ordered;
    }

    /** The API the plan names; empty when it names none (or an unknown one, which validation reports). */
    public java.util.Optional<RoutingApi> chosenApi() {
        return RoutingApi.of(api);
    }

    /** A plan with one catch-all rule splitting traffic by weight. */
    public static RoutingPlan weighted(String namespace, String service, List<WeightedDestination> route) {
        return new RoutingPlan(namespace, service, List.of(), null, List.of(new Rule(List.of(), route)), null);
    }
}
