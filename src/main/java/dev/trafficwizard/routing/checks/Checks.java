package dev.trafficwizard.routing.checks;

import java.util.List;

/**
 * All checks, in the order their diagnostics appear: the plan's identity and hosts first, then
 * the gateway, the rules and their routes and matches, each rule's mirror, fault, timeout,
 * retries and header changes, then the checks across fields and against the rest of the mesh,
 * then sticky sessions and traffic policies.
 */
public final class Checks {

    private static final List<PlanCheck> ALL = List.of(
            new ServiceCheck(),
            new HostsCheck(),
            new HostOverlapCheck(),
            new GatewayCheck(),
            new RulesCheck(),
            new RouteCheck(),
            new MatchCheck(),
            new MatchSourceCheck(),
            new DuplicateMatchCheck(),
            new MirrorFaultCheck(),
            new TimeoutRetriesCheck(),
            new HeaderChangesCheck(),
            new HostCoverageCheck(),
            new AuthorityServedCheck(),
            new MeshWildcardHostCheck(),
            new MeshServiceHostCheck(),
            new HostConflictCheck(),
            new StickySessionCheck(),
            new TrafficPolicyCheck(),
            new StickyWeightedCheck(),
            new HeaderPropagationCheck());

    private Checks() {
    }

    /** The ordered, immutable list of every check. */
    public static List<PlanCheck> all() {
        return ALL;
    }
}
