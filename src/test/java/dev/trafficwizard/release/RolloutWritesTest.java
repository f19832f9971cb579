package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.RolloutStore;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.rollout.Phase;
import dev.trafficwizard.rollout.RolloutMachine;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Step;
import dev.trafficwizard.rollout.Transition;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.WriteResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.context.support.StaticMessageSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * #17: a rollout's write that does not apply leaves it paused at the routing it had, saying why: a
 * concurrent change (the live base version moved), a refusal by the checks (their text), a failure.
 */
class RolloutWritesTest {

    static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    RolloutStore store = mock(RolloutStore.class);
    Catalog catalog = mock(Catalog.class);
    RoutingWorkflow workflow = mock(RoutingWorkflow.class);
    History history = mock(History.class);
    StaticMessageSource messages = new StaticMessageSource();
    RolloutWrites writes;
    RolloutRecord record;

    @BeforeEach
    void setUp() {
        messages.addMessage("diagnostic.WEIGHT_NO_READY_PODS", Locale.ENGLISH, "Version {0} has no ready pods.");
        writes = new RolloutWrites(store, catalog, workflow, history, messages, Clock.fixed(NOW, ZoneOffset.UTC));
        ServiceDetail service = mock(ServiceDetail.class);
        when(service.livePlan()).thenReturn(Optional.empty());
        when(catalog.service("bookinfo", "reviews")).thenReturn(Optional.of(service));
        RolloutSpec spec = new RolloutSpec("v1", "v2", List.of(Step.weight(25, "0s"), Step.weight(50, "0s"),
                Step.weight(100, null)), null);
        RolloutState started = RolloutMachine.start("bookinfo", "reviews", spec, "alice", NOW).state();
        record = new RolloutRecord(started, 1, NOW, null, List.of("OPERATOR"), "7");
        when(store.write(anyString(), anyString(), any(), any())).thenAnswer(i -> new RolloutStore.Stored(
                i.getArgument(0), i.getArgument(1), i.getArgument(2), "8"));
    }

    RolloutState committed(WriteResult result, boolean mayRetry) {
        when(workflow.applyForRollout(any(), any(), any(), any())).thenReturn(result);
        Transition next = RolloutMachine.tick(record.state(), NOW, null);
        assertThat(next.write()).isNotNull();
        RolloutWrites.Committed done = writes.commit(record, next, "rollout (started by alice)", mayRetry);
        return done.record().state();
    }

    @SuppressWarnings("unchecked")
    Map<String, String> stored() {
        ArgumentCaptor<Map<String, String>> data = ArgumentCaptor.forClass(Map.class);
        verify(store).write(eq("bookinfo"), eq("reviews"), data.capture(), eq("7"));
        return data.getValue();
    }

    @Test
    void aConcurrentChangeInterruptsTheRolloutAtTheStepItHad() {
        RolloutState state = committed(new WriteResult.Conflict("VirtualService", "bookinfo", "reviews"), false);
        assertThat(state.phase()).isEqualTo(Phase.Paused);
        assertThat(state.paused()).isEqualTo(RolloutState.PauseKind.INTERRUPTED);
        assertThat(state.step()).isZero();
        assertThat(state.weight()).isEqualTo(25);
        assertThat(state.reason()).isEqualTo("rollout step 2 (weight 50 %) was not written: VirtualService "
                + "bookinfo/reviews was changed by someone else at the same time");
        assertThat(RolloutRecord.read(stored().get(RolloutRecord.STATE))).isEqualTo(state);
    }

    @Test
    void aConflictThatMayBeRetriedStoresNothing() {
        when(workflow.applyForRollout(any(), any(), any(), any()))
                .thenReturn(new WriteResult.Conflict("VirtualService", "bookinfo", "reviews"));
        RolloutWrites.Committed done = writes.commit(record, RolloutMachine.tick(record.state(), NOW, null),
                "alice", true);
        assertThat(done.retry()).isTrue();
        verify(store, never()).write(any(), any(), any(), any());
    }

    @Test
    void aRefusalByTheChecksInterruptsWithTheirText() {
        RolloutState state = committed(new WriteResult.Rejected(List.of(Diagnostic.error(
                DiagnosticCode.WEIGHT_NO_READY_PODS, "rules[0].route[1].weight", "v2"))), false);
        assertThat(state.reason()).isEqualTo("rollout step 2 (weight 50 %) was refused: Version v2 has no ready pods. "
                + "(rules[0].route[1].weight)");
        assertThat(state.history().get(state.history().size() - 1).event()).isEqualTo("paused");
    }

    @Test
    void whenAnotherReplicaStoredFirstItsRoutingIsWrittenAgain() {
        RolloutState aborted = RolloutMachine.abort(record.state(), "bob", "aborted by bob", NOW).state();
        when(store.write(anyString(), anyString(), any(), any()))
                .thenThrow(new RolloutStore.StaleException("bookinfo", "reviews"));
        when(store.read("bookinfo", "reviews")).thenReturn(Optional.of(new RolloutStore.Stored("bookinfo", "reviews",
                new RolloutRecord(aborted, 2, NOW, null, List.of(), "9").data(), "9")));
        when(history.revisions("bookinfo", "reviews")).thenReturn(List.of());
        when(workflow.applyForRollout(any(), any(), any(), any())).thenReturn(new WriteResult.Applied(List.of()));

        RolloutWrites.Committed done = writes.commit(record, RolloutMachine.tick(record.state(), NOW, null),
                "rollout (started by alice)", false);

        assertThat(done.stale()).isTrue();
        ArgumentCaptor<dev.trafficwizard.workflow.RevisionAction> actions =
                ArgumentCaptor.forClass(dev.trafficwizard.workflow.RevisionAction.class);
        verify(workflow, org.mockito.Mockito.times(2)).applyForRollout(any(), any(), actions.capture(), any());
        assertThat(actions.getAllValues()).extracting(dev.trafficwizard.workflow.RevisionAction::text)
                .containsExactly("rollout step 2 (weight 50 %)", "rollout aborted");
    }

    @Test
    void anAppliedStepIsStoredWithTheNewestRevision() {
        when(history.revisions("bookinfo", "reviews")).thenReturn(List.of());
        RolloutState state = committed(new WriteResult.Applied(List.of()), false);
        assertThat(state.step()).isEqualTo(1);
        assertThat(state.weight()).isEqualTo(50);
        assertThat(stored().get(RolloutRecord.REVISION)).isEqualTo("0");
        assertThat(stored().get(RolloutRecord.STARTER_ROLES)).isEqualTo("OPERATOR");
    }
}
