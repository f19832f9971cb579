package dev.trafficwizard.browser;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.List;

/** The managed routing the page tours start from: bookinfo/reviews split 90/10/0. */
final class TourRouting {

    private TourRouting() {
    }

    static RoutingPlan weighted() {
        return new RoutingPlan("bookinfo", "reviews", List.of(), null, List.of(new Rule(List.of(),
                List.of(new WeightedDestination("v1", 90), new WeightedDestination("v2", 10),
                        new WeightedDestination("v3", 0)))), null);
    }
}
