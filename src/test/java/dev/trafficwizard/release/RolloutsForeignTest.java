package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.rollout.ForeignController;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.Step;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** #17: no rollout starts where another controller (Argo Rollouts, Flagger, another owner) manages the routing. */
class RolloutsForeignTest {

    @Test
    @SuppressWarnings("unchecked")
    void anotherControllerRefusesTheStartNamingIt() {
        Catalog catalog = mock(Catalog.class);
        ServiceDetail detail = mock(ServiceDetail.class);
        when(detail.summary()).thenReturn(new ServiceSummary("shop", "cart", "version", List.of(
                new VersionSummary("v1", List.of("cart-v1"), 1, 1, null, null),
                new VersionSummary("v2", List.of("cart-v2"), 1, 1, null, null)), RoutingState.MANAGED, List.of()));
        when(catalog.service("shop", "cart")).thenReturn(Optional.of(detail));
        RolloutWrites writes = mock(RolloutWrites.class);
        ForeignOwners argo = new ForeignOwners() {
            @Override
            public List<ForeignController> managing(String namespace, String service) {
                return List.of(new ForeignController("Argo Rollouts", "Rollout", "shop", "cart", "Healthy",
                        "its canary trafficRouting names VirtualService cart"));
            }
        };
        Rollouts rollouts = new Rollouts(catalog, writes, argo, mock(ObjectProvider.class), new Locks());

        RolloutOutcome outcome = rollouts.start("shop", "cart",
                new RolloutSpec("v1", "v2", List.of(Step.weight(10, null)), null));

        assertThat(outcome.refused()).isTrue();
        assertThat(outcome.problems().get(0).code()).isEqualTo("ROLLOUT_FOREIGN_CONTROLLER");
        assertThat(outcome.problems().get(0).args()).containsExactly("Argo Rollouts", "Rollout", "shop/cart");
        verify(writes, never()).route(any(), any(), any());
        assertThat(rollouts.foreign("shop", "cart")).hasSize(1);
    }
}
