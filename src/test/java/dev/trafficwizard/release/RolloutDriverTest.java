package dev.trafficwizard.release;

import dev.trafficwizard.cluster.RolloutLeader;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.rollout.RolloutMachine;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Step;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** #17 fix: the driver asks for leadership before each rollout and each write, and writes an unwritten abort again. */
class RolloutDriverTest {

    static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    RolloutWrites writes = mock(RolloutWrites.class);
    ManualChanges changes = mock(ManualChanges.class);
    RolloutLeader leader = mock(RolloutLeader.class);
    @SuppressWarnings("unchecked")
    ObjectProvider<TrafficMetrics> metrics = mock(ObjectProvider.class);
    ForeignOwners foreign = mock(ForeignOwners.class);
    RolloutDriver driver = new RolloutDriver(writes, changes, metrics, leader, new Locks(), foreign);

    static RolloutRecord running(String service) {
        RolloutSpec spec = new RolloutSpec("v1", "v2", List.of(Step.weight(25, "0s"), Step.weight(100, null)), null);
        RolloutState started = RolloutMachine.start("bookinfo", service, spec, "alice", NOW.minusSeconds(60)).state();
        return new RolloutRecord(started, 1, NOW.minusSeconds(60), null, List.of(), "7");
    }

    @BeforeEach
    void setUp() {
        when(writes.clock()).thenReturn(Clock.fixed(NOW, ZoneOffset.UTC));
        when(leader.working()).thenReturn(Optional.of(() -> { }));
        when(changes.of(any(), any())).thenReturn(Optional.empty());
    }

    @Test
    void aReplicaThatLosesTheLeaseMidTickDrivesNoFurtherRollout() {
        RolloutRecord reviews = running("reviews");
        RolloutRecord ratings = running("ratings");
        when(writes.loadAllShown()).thenReturn(List.of(reviews, ratings));
        when(writes.load("bookinfo", "reviews")).thenReturn(Optional.of(reviews));
        when(writes.load("bookinfo", "ratings")).thenReturn(Optional.of(ratings));
        when(writes.commit(any(), any(), any(), anyBoolean())).thenAnswer(i -> new RolloutWrites.Committed(
                i.getArgument(0), null, false, false));
        // leads for the first rollout's checks and write, then the lease is gone
        when(leader.isLeader()).thenReturn(true, true, true, false);

        assertThat(driver.tick()).isEqualTo(1);

        verify(writes, times(1)).commit(any(), any(), any(), anyBoolean());
        verify(writes, never()).load("bookinfo", "ratings");
    }

    @Test
    void aReplicaThatLostTheLeaseBeforeTheWriteWritesNothing() {
        RolloutRecord reviews = running("reviews");
        when(writes.loadAllShown()).thenReturn(List.of(reviews));
        when(writes.load("bookinfo", "reviews")).thenReturn(Optional.of(reviews));
        when(leader.isLeader()).thenReturn(true, true, false);

        assertThat(driver.tick()).isZero();

        verify(writes, never()).commit(any(), any(), any(), anyBoolean());
    }

    @Test
    void anAbortWhoseRoutingWasNotWrittenIsWrittenAgainAtEveryTickUntilItApplies() {
        RolloutRecord base = running("reviews");
        RolloutState aborted = RolloutMachine.abort(base.state(), null, "gate: success rate 50 % below 99 %", NOW).state();
        RolloutRecord unwritten = base.unwritten(aborted, "rollout aborted failed: timeout", NOW.minusSeconds(5));
        when(writes.loadAllShown()).thenReturn(List.of(unwritten));
        when(writes.load("bookinfo", "reviews")).thenReturn(Optional.of(unwritten));
        when(leader.isLeader()).thenReturn(true);
        when(writes.writeAgain(eq(unwritten), anyString())).thenReturn(false, true);

        assertThat(driver.tick()).isZero();
        assertThat(driver.tick()).isEqualTo(1);

        verify(writes, times(2)).writeAgain(eq(unwritten), eq("rollout (started by alice)"));
        verify(writes, never()).commit(any(), any(), any(), anyBoolean());
    }

    @Test
    void aRolloutIsPausedWhenAnotherControllerAppears() {
        RolloutRecord reviews = running("reviews");
        when(writes.loadAllShown()).thenReturn(List.of(reviews));
        when(writes.load("bookinfo", "reviews")).thenReturn(Optional.of(reviews));
        when(leader.isLeader()).thenReturn(true);
        when(foreign.managing("bookinfo", "reviews")).thenReturn(List.of(new dev.trafficwizard.rollout.ForeignController(
                "Flagger", "Canary", "bookinfo", "reviews", "Progressing", "Canary bookinfo/reviews: spec.targetRef")));
        org.mockito.ArgumentCaptor<dev.trafficwizard.rollout.Transition> t =
                org.mockito.ArgumentCaptor.forClass(dev.trafficwizard.rollout.Transition.class);
        when(writes.commit(any(), t.capture(), any(), anyBoolean())).thenAnswer(i -> new RolloutWrites.Committed(
                running("other"), null, false, false));

        assertThat(driver.tick()).isEqualTo(1);

        assertThat(t.getValue().write()).isNull();
        assertThat(t.getValue().state().paused()).isEqualTo(RolloutState.PauseKind.INTERRUPTED);
        assertThat(t.getValue().state().reason()).isEqualTo("another controller now manages the service's routing: "
                + "Flagger Canary bookinfo/reviews");
    }

    @Test
    void aRolloutWhoseRoutingAnotherReplicaIsWritingIsLeftAlone() {
        RolloutRecord base = running("reviews");
        RolloutRecord intent = base.intent(base.state(), NOW.minusSeconds(2));
        when(writes.loadAllShown()).thenReturn(List.of(intent));
        when(writes.load("bookinfo", "reviews")).thenReturn(Optional.of(intent));
        when(leader.isLeader()).thenReturn(true);

        assertThat(driver.tick()).isZero();

        verify(changes, never()).of(any(), any());
        verify(writes, never()).commit(any(), any(), any(), anyBoolean());
        verify(writes, never()).writeAgain(any(), any());
    }
}
