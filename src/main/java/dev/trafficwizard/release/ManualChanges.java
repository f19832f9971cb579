package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.rollout.RolloutPlans;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.Revision;
import dev.trafficwizard.workflow.RevisionAction;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether someone else changed a running rollout's routing: a revision in the history newer than
 * the rollout's last write that it did not make (named: who, what, which revision), or live
 * routing that no longer routes as the rollout's current step asks. Judged only once the cache
 * shows the rollout's own last write (its revision number reached the history), so the cache's
 * lag right after a write is never taken for a change; after {@link #CACHE_GRACE} (a history that
 * was removed never catches up) the live routing is judged alone.
 */
@Component
class ManualChanges {

    /** How long the cache may lag behind the rollout's own write before the live routing is judged anyway. */
    static final Duration CACHE_GRACE = Duration.ofSeconds(30);

    private final Catalog catalog;
    private final History history;

    ManualChanges(Catalog catalog, History history) {
        this.catalog = catalog;
        this.history = history;
    }

    Optional<String> of(RolloutRecord record, Instant now) {
        RolloutState state = record.state();
        Optional<ServiceDetail> service = catalog.service(state.namespace(), state.service());
        if (service.isEmpty()) {
            return Optional.of("service " + state.namespace() + "/" + state.service() + " no longer exists");
        }
        List<Revision> revisions = history.revisions(state.namespace(), state.service());
        int newest = revisions.isEmpty() ? 0 : revisions.get(0).number();
        boolean behind = newest < record.revision();
        if (behind && (record.written() == null || now.isBefore(record.written().plus(CACHE_GRACE)))) {
            return Optional.empty(); // the cache does not show the rollout's last write yet
        }
        // long behind: the history was removed or restarted; only the live routing can tell
        for (Revision r : behind ? List.<Revision>of() : revisions) {
            if (r.number() > record.revision() && r.succeeded() && r.action().kind() != RevisionAction.Kind.ROLLOUT) {
                return Optional.of("the routing was changed outside the rollout: " + r.action().text() + " by "
                        + (r.user() == null ? "an unknown user" : r.user()) + " (revision #" + r.number() + ")");
            }
        }
        Optional<RoutingPlan> live = service.get().livePlan();
        if (live.isEmpty() || !RolloutPlans.routesAs(live.get(), state.spec(), state.current())) {
            Integer weight = live.map(p -> RolloutPlans.canaryWeight(p, state.spec())).orElse(null);
            return Optional.of("the routing was changed outside the rollout: "
                    + (live.isEmpty() ? "the service has no routing Traffic Wizard can read"
                    : weight == null ? "its catch-all rule no longer splits between " + state.spec().stable()
                    + " and " + state.spec().canary()
                    : weight != state.weight() ? state.spec().canary() + " has " + weight + " % instead of "
                    + state.weight() + " %"
                    : "its header rule or mirror to " + state.spec().canary() + " differs from the rollout's step")
                    + " (no revision of the dashboard made it)");
        }
        return Optional.empty();
    }
}
