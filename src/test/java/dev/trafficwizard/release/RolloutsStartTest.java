package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.cluster.ForeignReleases;
import dev.trafficwizard.cluster.RolloutStore;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.rollout.Phase;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.Step;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.WriteResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.StaticMessageSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * #17 fix: a start checks what it can before writing anything (every step's plan, the other
 * controllers it could not see), claims the record before it writes routing, and is not blocked by
 * an unreadable rollout ConfigMap.
 */
class RolloutsStartTest {

    static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    static final RolloutSpec SPEC = new RolloutSpec("v1", "v2", List.of(
            new Step(null, null, new Step.HeaderRoute("x-canary", "on"), null), Step.weight(50, null)), null);

    RolloutStore store = mock(RolloutStore.class);
    Catalog catalog = mock(Catalog.class);
    RoutingWorkflow workflow = mock(RoutingWorkflow.class);
    History history = mock(History.class);
    ForeignOwners foreign = mock(ForeignOwners.class);
    @SuppressWarnings("unchecked")
    ObjectProvider<TrafficMetrics> metrics = mock(ObjectProvider.class);
    Rollouts rollouts;

    @BeforeEach
    void setUp() {
        RolloutWrites writes = new RolloutWrites(store, catalog, workflow, history, new StaticMessageSource(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        rollouts = new Rollouts(catalog, writes, foreign, metrics, new Locks());
        ServiceDetail service = mock(ServiceDetail.class);
        when(service.livePlan()).thenReturn(Optional.empty());
        when(service.summary()).thenReturn(new ServiceSummary("bookinfo", "reviews", "version", List.of(
                new VersionSummary("v1", List.of("reviews-v1"), 1, 1, null, null),
                new VersionSummary("v2", List.of("reviews-v2"), 1, 1, null, null)), null, List.of()));
        when(catalog.service("bookinfo", "reviews")).thenReturn(Optional.of(service));
        when(history.revisions("bookinfo", "reviews")).thenReturn(List.of());
        when(store.read("bookinfo", "reviews")).thenReturn(Optional.empty());
        when(store.write(anyString(), anyString(), any(), any())).thenAnswer(i -> new RolloutStore.Stored(
                i.getArgument(0), i.getArgument(1), i.getArgument(2), "8"));
        when(workflow.checkForRollout(any())).thenReturn(List.of());
        when(workflow.applyForRollout(any(), any(), any(), any())).thenReturn(new WriteResult.Applied(List.of()));
    }

    @Test
    void everyStepsPlanIsCheckedBeforeAnythingIsWritten() {
        when(workflow.checkForRollout(argThat((RoutingPlan p) -> p != null && p.rules().size() == 1)))
                .thenReturn(List.of(Diagnostic.error(DiagnosticCode.WEIGHT_NO_READY_PODS, "rules[0].route[1].weight",
                        "v2")));
        RolloutOutcome outcome = rollouts.start("bookinfo", "reviews", SPEC);
        assertThat(outcome.problems()).extracting(Diagnostic::code, Diagnostic::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("WEIGHT_NO_READY_PODS",
                        "steps[1].rules[0].route[1].weight"));
        verify(store, never()).write(any(), any(), any(), any());
        verify(workflow, never()).applyForRollout(any(), any(), any(), any());
    }

    @Test
    void aStartIsRefusedWhenOtherControllersCouldNotBeLookedFor() {
        when(foreign.unknown("bookinfo")).thenReturn(List.of(new ForeignReleases.Failure(
                "rollouts.argoproj.io in bookinfo", "HTTP 403: forbidden")));
        RolloutOutcome outcome = rollouts.start("bookinfo", "reviews", SPEC);
        assertThat(outcome.problems()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("ROLLOUT_FOREIGN_UNKNOWN");
            assertThat(d.args()).containsExactly("rollouts.argoproj.io in bookinfo", "HTTP 403: forbidden");
        });
        verify(store, never()).write(any(), any(), any(), any());
        verify(workflow, never()).applyForRollout(any(), any(), any(), any());
    }

    @Test
    void theRecordIsClaimedBeforeTheRoutingIsWrittenThenSettled() {
        RolloutOutcome outcome = rollouts.start("bookinfo", "reviews", SPEC);
        assertThat(outcome.problems()).isEmpty();
        var order = inOrder(store, workflow);
        order.verify(store).write(eq("bookinfo"), eq("reviews"), argThat(d -> d.containsKey(RolloutRecord.PENDING)),
                isNull());
        order.verify(workflow).applyForRollout(any(), any(), any(), any());
        order.verify(store).write(eq("bookinfo"), eq("reviews"), argThat(d -> !d.containsKey(RolloutRecord.PENDING)),
                eq("8"));
    }

    @Test
    void aClaimLostToAnotherReplicaWritesNoRouting() {
        when(store.write(anyString(), anyString(), any(), any()))
                .thenThrow(new RolloutStore.StaleException("bookinfo", "reviews"));
        RolloutOutcome outcome = rollouts.start("bookinfo", "reviews", SPEC);
        assertThat(outcome.problems()).extracting(Diagnostic::code).containsExactly("ROLLOUT_CHANGED");
        verify(workflow, never()).applyForRollout(any(), any(), any(), any());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStartWhoseRoutingFailsIsStoredAsNeverRun() {
        when(workflow.applyForRollout(any(), any(), any(), any())).thenReturn(new WriteResult.Failed(
                "the routing of reviews", "timeout", false, 0, List.of(), List.of()));
        RolloutOutcome outcome = rollouts.start("bookinfo", "reviews", SPEC);
        assertThat(outcome.write().applied()).isFalse();
        ArgumentCaptor<Map<String, String>> data = ArgumentCaptor.forClass(Map.class);
        verify(store, org.mockito.Mockito.times(2)).write(any(), any(), data.capture(), any());
        var last = RolloutRecord.read(data.getValue().get(RolloutRecord.STATE));
        assertThat(last.phase()).isEqualTo(Phase.Aborted);
        assertThat(last.reason()).isEqualTo("rollout step 1 (header x-canary: on) failed: Writing the routing of reviews failed: timeout");
        assertThat(data.getValue()).doesNotContainKey(RolloutRecord.PENDING);
    }

    @Test
    void anUnreadableRolloutConfigMapIsReplaced() {
        when(store.read("bookinfo", "reviews")).thenReturn(Optional.of(new RolloutStore.Stored("bookinfo", "reviews",
                Map.of(RolloutRecord.STATE, "{not json"), "5")));
        RolloutOutcome outcome = rollouts.start("bookinfo", "reviews", SPEC);
        assertThat(outcome.problems()).isEmpty();
        verify(store).write(eq("bookinfo"), eq("reviews"), any(), eq("5"));
    }
}
