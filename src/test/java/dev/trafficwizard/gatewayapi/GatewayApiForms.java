package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Scenarios;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.List;
import java.util.Map;

/**
 * One plan per form (and per sticky and gateway choice) that translates completely, each with its
 * golden YAML under {@code golden/gateway-api/}: the seed's scenarios (istio {@link Scenarios}) in the
 * Gateway API, minus the hash keys Istio cannot apply to HTTPRoutes.
 */
final class GatewayApiForms {

    record Case(String name, TargetService target, RoutingPlan plan, FormKind form) {

        String golden() {
            return "/golden/gateway-api/" + name + ".yaml";
        }

        int port() {
            return target.name().equals("fleetman-staff-service") ? 8080 : 80;
        }

        List<ServicePort> ports() {
            return GatewayApiPlans.ports(port());
        }

        Map<String, String> selector() {
            return Map.of("app", target.name());
        }

        GatewayApiObjects translate() {
            return GatewayApiTranslator.translate(plan, target, selector(), ports(), form);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private GatewayApiForms() {
    }

    static RoutingPlan api(RoutingPlan plan) {
        return plan.withApi(RoutingApi.GATEWAY_API);
    }

    static RoutingPlan withSticky(RoutingPlan plan, StickySession sticky) {
        return new RoutingPlan(plan.namespace(), plan.service(), plan.hosts(), plan.gateway(), plan.rules(), sticky,
                plan.api());
    }

    static final Case WEIGHTED_MESH = new Case("staff-service-90-10", Scenarios.STAFF,
            api(GatewayApiPlans.STAFF_90_10), FormKind.WEIGHTED);
    static final Case WEIGHTED_GATEWAY = new Case("webapp-weighted-gateway", Scenarios.WEBAPP,
            api(Scenarios.WEIGHTED_GATEWAY.plan()), FormKind.WEIGHTED);
    static final Case HEADER = new Case("webapp-header", Scenarios.WEBAPP, api(Scenarios.HEADER.plan()), FormKind.HEADER);
    static final Case URI_PREFIX = new Case("webapp-uri-prefix", Scenarios.WEBAPP, api(Scenarios.URI_PREFIX.plan()),
            FormKind.URI);
    static final Case DARK = new Case("staff-dark-release", Scenarios.STAFF, api(Scenarios.DARK_RELEASE.plan()),
            FormKind.DARK);
    static final Case KEEP_VERSION = new Case("staff-keep-version", Scenarios.STAFF,
            api(withSticky(Scenarios.PINNED_VERSIONS.plan(), new StickySession(null, null, null, null, "tw-version"))),
            FormKind.WEIGHTED);
    /** HTTPS with the mesh, the certificate in another namespace: a ReferenceGrant there. */
    static final Case HTTPS_GATEWAY = new Case("webapp-https-gateway", Scenarios.WEBAPP, api(new RoutingPlan("default",
            "fleetman-webapp", List.of(), new GatewayPlan("fleetman-tls", true, List.of("fleetman.com"), 443, true,
            "certs/fleetman-cert"), List.of(new Rule(List.of(), List.of(new WeightedDestination("original", 100)))),
            null)), FormKind.WEIGHTED);
    /** Header rows with every operator, through an existing Gateway of another namespace plus the mesh. */
    static final Case HEADER_OPERATORS = new Case("webapp-header-operators", Scenarios.WEBAPP, api(new RoutingPlan(
            "default", "fleetman-webapp", List.of(), new GatewayPlan("istio-system/shared-gateway", false, List.of(),
            null, true, null), List.of(
            rule(header("x-user", new StringMatch(null, "beta.", null)), "experimental"),
            rule(header("x-canary", new StringMatch(null, null, null)), "experimental"),
            rule(header("x-tier", new StringMatch(null, null, "gold|platinum")), "experimental"),
            new Rule(List.of(), List.of(new WeightedDestination("original", 100)))), null)), FormKind.HEADER);

    /** The seed's subdomain scenario: every rule a host, no default. */
    static final Case SUBDOMAIN = new Case("webapp-subdomain", Scenarios.WEBAPP, api(Scenarios.SUBDOMAIN.plan()),
            FormKind.SUBDOMAIN);
    /** Subdomain rows, a default version and the mesh: the default's route keeps the other hosts. */
    static final Case SUBDOMAIN_DEFAULT = new Case("webapp-subdomain-default", Scenarios.WEBAPP, api(new RoutingPlan(
            "default", "fleetman-webapp", List.of(), new GatewayPlan("fleetman-gateway", true,
            List.of("fleetman.com", "*.fleetman.com"), 80, true, null), List.of(
            rule(new MatchCondition(null, null, new StringMatch("beta.fleetman.com", null, null), null, null),
                    "experimental"),
            rule(new MatchCondition(null, null, new StringMatch("fleetman.com", null, null), null, null), "original"),
            new Rule(List.of(), List.of(new WeightedDestination("original", 80),
                    new WeightedDestination("experimental", 20)))), null)), FormKind.SUBDOMAIN);

    /** Mirror (whole and fractional percent), timeouts, retries and header changes on a header rule and the default. */
    static final Case RESILIENCE = new Case("staff-resilience", Scenarios.STAFF, api(new RoutingPlan("default",
            "fleetman-staff-service", List.of(), null, List.of(
            new Rule(List.of(header("x-beta", new StringMatch("true", null, null))),
                    List.of(new WeightedDestination("risky", 100)), new Mirror("safe", 10.0), null, "2s",
                    new Retries(3, "500ms", "connect-failure,refused-stream,unavailable,cancelled,502,503"),
                    new HeaderChanges(new HeaderChanges.Operations(Map.of("x-beta-route", "risky"),
                            Map.of("x-trace", "on"), List.of("x-debug")),
                            new HeaderChanges.Operations(Map.of("x-served-by", "risky"), null, null))),
            new Rule(List.of(), List.of(new WeightedDestination("safe", 100)), new Mirror("risky", 0.5), null, "5s",
                    new Retries(2, null, null), null)), null)), FormKind.HEADER);
    /** The keep-version cookie with a default that has a timeout and response headers: the pins carry them. */
    static final Case KEEP_VERSION_RESILIENCE = new Case("staff-keep-version-timeout", Scenarios.STAFF,
            api(new RoutingPlan("default", "fleetman-staff-service", List.of(), null, List.of(new Rule(List.of(),
                    List.of(new WeightedDestination("safe", 90), new WeightedDestination("risky", 10)), null, null,
                    "3s", null, new HeaderChanges(null, new HeaderChanges.Operations(
                    Map.of("x-split", "90-10"), null, null)))),
                    new StickySession(null, null, null, null, "tw-version"))), FormKind.WEIGHTED);
    /** A service policy and a version's own connection pool: one DestinationRule per version Service. */
    static final Case POLICIES = new Case("staff-policies", Scenarios.STAFF, api(GatewayApiPlans.STAFF_90_10)
            .withPolicies(new TrafficPolicy(new TrafficPolicy.Tls("ISTIO_MUTUAL", null, null),
                    new TrafficPolicy.LoadBalancer("LEAST_REQUEST", null), null,
                    new TrafficPolicy.OutlierDetection(5, "10s", "30s", 50)),
                    Map.of("risky", new TrafficPolicy(null, null, new TrafficPolicy.ConnectionPool(
                            new TrafficPolicy.ConnectionPool.Tcp(10, "1s"),
                            new TrafficPolicy.ConnectionPool.Http(5, null, 1, 2)), null))), FormKind.WEIGHTED);

    static List<Case> all() {
        return List.of(WEIGHTED_MESH, WEIGHTED_GATEWAY, HEADER, URI_PREFIX, DARK, KEEP_VERSION, HTTPS_GATEWAY,
                HEADER_OPERATORS, SUBDOMAIN, SUBDOMAIN_DEFAULT, RESILIENCE, KEEP_VERSION_RESILIENCE, POLICIES);
    }

    static MatchCondition header(String name, StringMatch match) {
        return new MatchCondition(null, Map.of(name, match), null, null, Map.of());
    }

    static Rule rule(MatchCondition match, String version) {
        return new Rule(List.of(match), List.of(new WeightedDestination(version, 100)));
    }
}
