package dev.trafficwizard.istio;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.List;
import java.util.Map;

/**
 * The seed's fleetman scenarios as plans: one per routing form, each with its golden YAML file. Public:
 * the Gateway API tests route the same scenarios.
 */
public final class Scenarios {

    public static final TargetService WEBAPP = new TargetService("default", "fleetman-webapp", "version", List.of(
            new TargetService.ServiceVersion("original", 2, 2), new TargetService.ServiceVersion("experimental", 1, 1)));
    public static final TargetService STAFF = new TargetService("default", "fleetman-staff-service", "version", List.of(
            new TargetService.ServiceVersion("safe", 2, 2), new TargetService.ServiceVersion("risky", 1, 1)));
    static final GatewayPlan GATEWAY_ALL = new GatewayPlan("ingress-gateway-configuration", true, List.of("*"), 80,
            false, null);

    public record Scenario(String name, TargetService target, RoutingPlan plan, FormKind form) {

        String golden() {
            return "/golden/" + name + ".yaml";
        }
    }

    private Scenarios() {
    }

    static WeightedDestination to(String version) {
        return new WeightedDestination(version, null);
    }

    static MatchCondition uriPrefix(String prefix) {
        return new MatchCondition(new StringMatch(null, prefix, null), null, null, null, null);
    }

    static MatchCondition header(String name, String exact) {
        return new MatchCondition(null, Map.of(name, new StringMatch(exact, null, null)), null, null, null);
    }

    static MatchCondition authority(String host) {
        return new MatchCondition(null, null, new StringMatch(host, null, null), null, null);
    }

    static Rule catchAll(String version) {
        return new Rule(List.of(), List.of(to(version)));
    }

    public static final Scenario URI_PREFIX = new Scenario("webapp-uri-prefix", WEBAPP, new RoutingPlan("default",
            "fleetman-webapp", List.of(), GATEWAY_ALL, List.of(
            new Rule(List.of(uriPrefix("/experimental"), uriPrefix("/canary")), List.of(to("experimental"))),
            catchAll("original")), null), FormKind.URI);

    public static final Scenario SUBDOMAIN = new Scenario("webapp-subdomain", WEBAPP, new RoutingPlan("default",
            "fleetman-webapp", List.of(), new GatewayPlan("fleetman-gateway", true,
            List.of("fleetman.com", "*.fleetman.com"), 80, false, null), List.of(
            new Rule(List.of(authority("experimental.fleetman.com")), List.of(to("experimental"))),
            new Rule(List.of(authority("fleetman.com")), List.of(to("original")))), null), FormKind.SUBDOMAIN);

    public static final Scenario HEADER = new Scenario("webapp-header", WEBAPP, new RoutingPlan("default",
            "fleetman-webapp", List.of(), GATEWAY_ALL, List.of(
            new Rule(List.of(header("x-my-header", "canary")), List.of(to("experimental"))),
            catchAll("original")), null), FormKind.HEADER);

    public static final Scenario WEIGHTED_GATEWAY = new Scenario("webapp-weighted-gateway", WEBAPP, new RoutingPlan("default",
            "fleetman-webapp", List.of(), GATEWAY_ALL, List.of(new Rule(List.of(), List.of(
            new WeightedDestination("original", 90), new WeightedDestination("experimental", 10)))), null),
            FormKind.WEIGHTED);

    public static final Scenario STICKY_HEADER = new Scenario("staff-sticky-header", STAFF, new RoutingPlan("default",
            "fleetman-staff-service", List.of(), null, List.of(catchAll("safe")),
            new StickySession("x-myval", null, null, null)), FormKind.WEIGHTED);

    public static final Scenario DARK_RELEASE = new Scenario("staff-dark-release", STAFF, new RoutingPlan("default",
            "fleetman-staff-service", List.of(), null, List.of(
            new Rule(List.of(header("x-dark-release", "true")), List.of(to("risky"))), catchAll("safe")), null),
            FormKind.DARK);

    public static final Scenario PINNED_VERSIONS = new Scenario("staff-keep-version", STAFF, new RoutingPlan("default",
            "fleetman-staff-service", List.of(), null, List.of(new Rule(List.of(), List.of(
            new WeightedDestination("safe", 90), new WeightedDestination("risky", 10)))),
            new StickySession("x-myval", null, null, null, "tw-version")), FormKind.WEIGHTED);

    public static final Scenario HTTPS_GATEWAY = new Scenario("webapp-https-gateway", WEBAPP, new RoutingPlan("default",
            "fleetman-webapp", List.of(), new GatewayPlan("fleetman-tls", true, List.of("fleetman.com"), 443, true,
            "fleetman-cert"), List.of(catchAll("original")),
            new StickySession(null, new StickySession.HttpCookie("session", "/", "3600s"), null, null)), FormKind.WEIGHTED);

    public static List<Scenario> all() {
        return List.of(URI_PREFIX, SUBDOMAIN, HEADER, WEIGHTED_GATEWAY, STICKY_HEADER, DARK_RELEASE, PINNED_VERSIONS,
                HTTPS_GATEWAY);
    }
}
