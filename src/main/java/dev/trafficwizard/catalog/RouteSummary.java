package dev.trafficwizard.catalog;

import dev.trafficwizard.istio.EntryPoint;
import dev.trafficwizard.istio.ServiceRoutes;

import java.util.List;
import java.util.Map;

/**
 * What a service's row and page say about its traffic, read from the routing model: the entry
 * points that reach it, the round-robin share of each version when nothing routes it, and the
 * share of each version when every entry point splits all requests the same way (no match rules).
 */
record RouteSummary(List<EntryPoint> entries, Map<String, Integer> implicit, Map<String, Integer> routed) {

    static RouteSummary of(ServiceRoutes routes, int versionCount) {
        List<EntryPoint> entries = routes.entryPoints();
        EntryPoint mesh = routes.mesh();
        boolean onlyRoundRobin = entries.size() == 1 && mesh.noVirtualService();
        Map<String, Integer> implicit = onlyRoundRobin && versionCount > 1
                ? EntryPoint.byDestination(mesh.roundRobin()) : null;
        Map<String, Integer> routed = null;
        if (!onlyRoundRobin && entries.stream().allMatch(e -> !e.noVirtualService() && e.matchingRules().isEmpty()
                && !e.otherwiseNotFound())) {
            Map<String, Integer> first = EntryPoint.byDestination(entries.get(0).otherwise());
            if (entries.stream().allMatch(e -> EntryPoint.byDestination(e.otherwise()).equals(first))) {
                routed = first;
            }
        }
        return new RouteSummary(onlyRoundRobin ? List.of() : entries, implicit, routed);
    }

    /** Round robin's share of the version, null when routing decides or there is one version. */
    Integer implicitShare(String version) {
        return implicit == null ? null : implicit.getOrDefault(version, 0);
    }

    /** The version's share of all requests when one split applies everywhere; null otherwise. */
    Integer routedShare(String version) {
        return routed == null ? null : routed.getOrDefault(version, 0);
    }
}
