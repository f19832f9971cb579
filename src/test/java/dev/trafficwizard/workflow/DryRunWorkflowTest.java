package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.cluster.ClusterProperties;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The server dry run runs before any write on a real cluster, and never on the demo cluster. */
class DryRunWorkflowTest {

    static final TargetService TARGET = new TargetService("default", "reviews", "version", List.of(
            new TargetService.ServiceVersion("v1", 1, 1), new TargetService.ServiceVersion("v2", 1, 1)));
    static final RoutingPlan PLAN = RoutingPlan.weighted("default", "reviews",
            List.of(new WeightedDestination("v1", 90), new WeightedDestination("v2", 10)));

    Catalog catalog = mock(Catalog.class);
    ClusterCache cache = mock(ClusterCache.class);
    RoutingApplier applier = mock(RoutingApplier.class);
    History history = mock(History.class);

    RoutingWorkflow workflow(ClusterProperties.Mode mode) {
        ServiceSummary summary = new ServiceSummary("default", "reviews", "version", List.of(
                new VersionSummary("v1", List.of("reviews-v1"), 1, 1, 50, null),
                new VersionSummary("v2", List.of("reviews-v2"), 1, 1, 50, null)), RoutingState.NONE);
        when(catalog.service("default", "reviews")).thenReturn(Optional.of(
                new ServiceDetail(summary, TARGET, List.of(), null, null)));
        return RoutingWorkflow.of(catalog, cache, applier, history, new ClusterInfo(mode, "ctx", "https://api"),
                new RoutingMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    @Test
    void aRejectionByTheApiServerBecomesADiagnosticAndNothingIsWritten() {
        RoutingWorkflow workflow = workflow(ClusterProperties.Mode.KUBECONFIG);
        when(applier.dryRun(any())).thenReturn(List.of(new RoutingApplier.Rejection("VirtualService", "default",
                "reviews", "spec.http[0].route[0].weight", "must be <= 100")));

        assertThat(workflow.apply(PLAN, null, FormKind.WEIGHTED))
                .isInstanceOfSatisfying(WriteResult.Rejected.class, e -> assertThat(e.diagnostics())
                        .extracting(Diagnostic::code, d -> d.args().get(0))
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("SERVER_REJECTED",
                                "VirtualService default/reviews")));
        verify(applier, never()).apply(any());
    }

    @Test
    void acceptedDryRunThenWrites() {
        RoutingWorkflow workflow = workflow(ClusterProperties.Mode.IN_CLUSTER);
        when(applier.dryRun(any())).thenReturn(List.of());
        workflow.apply(PLAN, null, FormKind.WEIGHTED);
        verify(applier).dryRun(any());
        verify(applier).apply(any());
    }

    @Test
    void theDemoClusterIsNeverSentADryRun() {
        RoutingWorkflow workflow = workflow(ClusterProperties.Mode.DEMO);
        workflow.apply(PLAN, null, FormKind.WEIGHTED);
        verify(applier, never()).dryRun(any());
        verify(applier).apply(any());
    }
}
