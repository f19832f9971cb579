package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.rollout.RolloutMachine;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Step;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.workflow.History;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * #17 fix: with several replicas, a user's action on one stores its state (pending) before writing
 * the routing; the leader must not take the routing it sees meanwhile for a manual change.
 */
class ManualChangesTest {

    static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    @Test
    void routingBeingWrittenByAnotherReplicaIsNotAChangeUntilTheGraceEnds() {
        Catalog catalog = mock(Catalog.class);
        History history = mock(History.class);
        ServiceDetail service = mock(ServiceDetail.class);
        // the live routing still has the step before (25 %) while the stored state asks for 100 % (promoted)
        when(service.livePlan()).thenReturn(Optional.of(RoutingPlan.weighted("bookinfo", "reviews",
                List.of(new WeightedDestination("v1", 75), new WeightedDestination("v2", 25)))));
        when(catalog.service("bookinfo", "reviews")).thenReturn(Optional.of(service));
        when(history.revisions("bookinfo", "reviews")).thenReturn(List.of());
        RolloutSpec spec = new RolloutSpec("v1", "v2", List.of(Step.weight(25, null), Step.weight(50, null),
                Step.weight(100, null)), null);
        RolloutState started = RolloutMachine.start("bookinfo", "reviews", spec, "alice", NOW.minusSeconds(600)).state();
        RolloutState promoted = RolloutMachine.promote(started, "bob", false, NOW).state();
        RolloutRecord base = new RolloutRecord(started, 0, NOW.minusSeconds(600), null, List.of(), "7");
        ManualChanges changes = new ManualChanges(catalog, history);

        RolloutRecord intent = base.intent(promoted, NOW.minusSeconds(1));
        assertThat(changes.of(intent, NOW)).isEmpty();

        RolloutRecord stored = base.with(promoted, 0, NOW.minusSeconds(600));
        assertThat(changes.of(stored, NOW)).get().asString().contains("v2 has 25 % instead of 50 %");
        assertThat(changes.of(intent, NOW.plus(ManualChanges.CACHE_GRACE))).isPresent();
    }
}
