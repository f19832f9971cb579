package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.Analyzer;
import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.MeshSnapshot;
import dev.trafficwizard.analysis.Overlay;
import dev.trafficwizard.analysis.ReferenceGrantAnalyzer;
import dev.trafficwizard.analysis.RouteHostnameAnalyzer;
import dev.trafficwizard.analysis.RouteNamespaceNotAllowedAnalyzer;
import dev.trafficwizard.analysis.WaypointAnalyzer;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.RoutingPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a plan's HTTPRoutes would attach, judged before they are written with the same rules the
 * live checks apply afterwards: the parent Gateway's listeners and {@code allowedRoutes}, the
 * ReferenceGrants, and the ambient waypoint a mesh route needs.
 */
final class GatewayApiAttachment {

    private GatewayApiAttachment() {
    }

    /** The live checks that judge a route's attachment before it is written (they read no Service or pod). */
    private static final List<Analyzer> ATTACHMENT = List.of(new RouteNamespaceNotAllowedAnalyzer(),
            new RouteHostnameAnalyzer(), new ReferenceGrantAnalyzer());

    /**
     * What the live checks would report about the written routes' attachment, judged now on the mesh
     * with the plan's objects laid over it: a Gateway whose {@code allowedRoutes} refuse the service's
     * namespace, whose listeners serve none of the route's hostnames, a certificate in another namespace
     * without ReferenceGrant. At the plan's gateway (they concern where the route attaches).
     */
    static List<Diagnostic> attachment(RoutingPlan plan, GatewayApiObjects objects, ClusterCache cache) {
        if (plan.gateway() == null) {
            return List.of();
        }
        MeshSnapshot mesh = Overlay.of(new CacheSnapshot(cache), objects.all());
        List<Finding> findings = new ArrayList<>();
        for (HasMetadata object : objects.all()) {
            ATTACHMENT.stream().filter(a -> a.appliesTo(object)).forEach(a -> a.analyze(object, mesh, findings));
        }
        return findings.stream().map(f -> new Diagnostic(f.code(), f.severity(), f.messageKey(), f.args(),
                "gateway.name")).distinct().toList();
    }

    /**
     * The service uses a waypoint that exists, as Istio chooses it ({@link WaypointAnalyzer#waypoint}): the
     * same rule the live check {@code ROUTE_NO_WAYPOINT} / {@code WAYPOINT_NOT_FOUND} applies.
     */
    static boolean usesWaypoint(RoutingPlan plan, ClusterCache cache) {
        Map<String, String> labels = cache.service(plan.namespace(), plan.service())
                .map(s -> s.getMetadata().getLabels()).orElse(null);
        return WaypointAnalyzer.waypoint(labels == null ? Map.of() : labels, cache.namespaceLabels(plan.namespace()),
                        plan.namespace())
                .filter(w -> !cache.watches(w.namespace()) || cache.gatewayApiGateway(w.namespace(), w.name()).isPresent())
                .isPresent();
    }

}
