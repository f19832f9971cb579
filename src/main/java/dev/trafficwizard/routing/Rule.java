package dev.trafficwizard.routing;

import java.util.List;

/**
 * One HTTP rule: entries of {@code match} are OR'd; no match means catch-all. Besides its weighted
 * route a rule may mirror, inject faults, limit the time a request takes ({@code timeout}, a
 * duration), retry, and change headers; each absent means Istio's default (no mirror, no fault,
 * no timeout, Istio's default retries, headers unchanged).
 */
public record Rule(List<MatchCondition> match, List<WeightedDestination> route, Mirror mirror, Fault fault,
                   String timeout, Retries retries, HeaderChanges headers) {

    public Rule {
        match = Copies.list(match);
        route = Copies.list(route);
    }

    /** A rule that only routes. */
    public Rule(List<MatchCondition> match, List<WeightedDestination> route) {
        this(match, route, null, null, null, null, null);
    }

    public boolean catchAll() {
        return match.isEmpty();
    }

    /** Whether the rule sets anything besides its match and route. */
    public boolean hasResilience() {
        return mirror != null || fault != null || timeout != null || retries != null || headers != null;
    }

    /** The same rule routing to {@code route} instead. */
    public Rule withRoute(List<WeightedDestination> route) {
        return new Rule(match, route, mirror, fault, timeout, retries, headers);
    }

    /** The same rule matching {@code match} instead. */
    public Rule withMatch(List<MatchCondition> match) {
        return new Rule(match, route, mirror, fault, timeout, retries, headers);
    }
}
