package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;

import java.time.Instant;

/**
 * A proposal shared for review: the plan, the form it came from (null when the stored one names no form), who shared it, when, and until
 * when the link is valid. {@code expired}: as of when it was read. {@code baseVersion}: the token of
 * the live routing when it was shared ({@code null} for links shared before it was recorded).
 */
public record Review(String id, String namespace, String service, FormKind form, RoutingPlan plan, String sharedBy,
                     Instant created, Instant expires, boolean expired, String baseVersion) {

    /** Whether the live routing (its token now) is no longer what the proposal was shared against. */
    public boolean liveChangedSince(String liveBaseVersion) {
        return baseVersion != null && !baseVersion.equals(liveBaseVersion);
    }
}
