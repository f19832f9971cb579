package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.RoutingPlan;

import java.time.Instant;

/**
 * A proposal shared for review: the plan, the form it came from, who shared it, when, and until
 * when the link is valid. {@code expired}: as of when it was read.
 */
public record Review(String id, String namespace, String service, String form, RoutingPlan plan, String sharedBy,
                     Instant created, Instant expires, boolean expired) {
}
