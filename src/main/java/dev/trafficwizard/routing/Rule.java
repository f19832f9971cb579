package dev.trafficwizard.routing;

import java.util.List;

/** One HTTP rule: entries of {@code match} are OR'd; no match means catch-all. */
public record Rule(List<MatchCondition> match, List<WeightedDestination> route) {

    public Rule {
        match = match == null ? List.of() : List.copyOf(match);
        route = route == null ? List.of() : List.copyOf(route);
    }

    public boolean catchAll() {
        return match.isEmpty();
    }
}
