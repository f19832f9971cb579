package dev.trafficwizard.analysis;

import java.util.List;

/** Every analyzer, in the order their findings about one object appear. */
public final class Analyzers {

    private static final List<Analyzer> ALL = List.of(
            new DestinationHostAnalyzer(),
            new DestinationPortAnalyzer(),
            new SubsetAnalyzer(),
            new GatewayNotFoundAnalyzer(),
            new HostNotInGatewayAnalyzer(),
            new ConflictingMeshHostsAnalyzer(),
            new SubsetNoPodsAnalyzer(),
            new NoCatchAllAnalyzer(),
            new WeightNoReadyPodsAnalyzer(),
            new StickyWeightedAnalyzer(),
            new HeaderPropagationAnalyzer(),
            new UnreachableRuleAnalyzer(),
            new IneffectiveMatchAnalyzer(),
            new ConflictingGatewayAnalyzer(),
            // #15 Gateway API
            new RouteParentAnalyzer(),
            new RouteNamespaceNotAllowedAnalyzer(),
            new RouteHostnameAnalyzer(),
            new RouteBackendAnalyzer(),
            new ReferenceGrantAnalyzer(),
            new RouteBackendNoReadyPodsAnalyzer(),
            new MixedRoutingApiAnalyzer(),
            new WaypointAnalyzer(),
            new RouteLimitsAnalyzer(),
            new RouteStatusAnalyzer());

    private Analyzers() {
    }

    public static List<Analyzer> all() {
        return ALL;
    }
}
