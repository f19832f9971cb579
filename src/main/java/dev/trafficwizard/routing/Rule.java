package dev.trafficwizard.routing;

import java.util.List;

/** One HTTP rule: entries of {@code match} are OR'd; no match means catch-all. */
public record Rule(List<MatchCondition> match, List<WeightedDestination> route) {

    public Rule {
        match = Copies.list(match);
        route = Copies.list(route);
    }

    public boolean catchAll() {
        return match.isEmpty();
    }
}
