package dev.trafficwizard.web;

import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.TrafficPolicy;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The JSON body of preview and apply: a routing plan, plus for apply the {@code baseVersion} of the
 * live state it was computed from (optional).
 */
@Schema(description = "A routing plan: ordered rules (first match wins, the catch-all last) of weighted versions, "
        + "optional hosts, gateway exposure and sticky sessions.", example = """
        {"namespace": "default", "service": "fleetman-webapp", "hosts": ["*"],
         "gateway": {"name": "ingress-gateway-configuration", "create": true, "hosts": ["*"], "port": 80,
                     "includeMesh": false},
         "rules": [
           {"match": [{"uri": {"prefix": "/experimental"}}, {"uri": {"prefix": "/canary"}}],
            "route": [{"version": "experimental", "weight": 100}]},
           {"match": [{"headers": {"x-my-header": {"exact": "canary"}}}],
            "route": [{"version": "experimental", "weight": 100}]},
           {"route": [{"version": "original", "weight": 90}, {"version": "experimental", "weight": 10}]}],
         "stickySession": {"httpHeaderName": "x-myval"}}""")
public record PlanRequest(String namespace, String service, List<String> hosts, GatewayPlan gateway,
                          List<Rule> rules, StickySession stickySession, String baseVersion,
                          @Schema(description = "The traffic API to write: \"istio\" (VirtualService, DestinationRule, "
                                  + "Gateway) or \"gateway-api\" (HTTPRoute, one Service per version, Gateway API "
                                  + "Gateway). Absent: the API of the service's routing, else gateway-api in a "
                                  + "namespace in ambient mode, else istio.", allowableValues = {"istio", "gateway-api"})
                          String api,
                          TrafficPolicy trafficPolicy,
                          Map<String, TrafficPolicy> versionPolicies,
                          @Schema(description = "Apply only (#18): an admin's acknowledgement that another tool "
                                  + "(Argo CD, Flux, Flagger, Argo Rollouts) owns the routing, to write it anyway "
                                  + "(recorded in the history and the audit log); ignored for other users, whose "
                                  + "apply is refused with OWNED_BY_OTHER_TOOL")
                          Boolean acknowledgeOwner) {

    /** Whether the request acknowledges another tool's ownership (absent: no). */
    boolean acknowledgesOwner() {
        return Boolean.TRUE.equals(acknowledgeOwner);
    }

    RoutingPlan toPlan() {
        return new RoutingPlan(namespace, service, hosts, gateway, rules, stickySession, api, trafficPolicy,
                versionPolicies);
    }
}
