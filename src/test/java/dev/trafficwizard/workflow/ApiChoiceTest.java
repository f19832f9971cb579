package dev.trafficwizard.workflow;

import dev.trafficwizard.cluster.DemoClusterFixture;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the cluster does not serve the Gateway API, a plan cannot be written with it. */
class ApiChoiceTest {

    static final RoutingPlan PLAN = RoutingPlan.weighted("ambient", "payments",
            List.of(new WeightedDestination("v1", 100)));

    @Test
    void theGatewayApiWithoutItsCrdsIsRefusedAtTheApiField() {
        try (DemoClusterFixture f = new DemoClusterFixture(false)) {
            ApiChoice chosen = new ApiChoice(RoutingApi.GATEWAY_API, ApiChoice.Reason.PLAN, "ambient");
            List<Diagnostic> out = ApiChoice.diagnostics(PLAN.withApi(RoutingApi.GATEWAY_API), chosen, f.cache());
            assertThat(out).singleElement().satisfies(d -> {
                assertThat(d.is(DiagnosticCode.GATEWAY_API_MISSING)).isTrue();
                assertThat(d.path()).isEqualTo("api");
                assertThat(d.isError()).isTrue();
            });
            assertThat(ApiChoice.ambient(f.cache(), "ambient")).as("the namespace is still ambient").isTrue();
            ApiChoice istio = new ApiChoice(RoutingApi.ISTIO, ApiChoice.Reason.DEFAULT, "ambient");
            assertThat(ApiChoice.diagnostics(PLAN, istio, f.cache())).isEmpty();
        }
    }

    @Test
    void anUnknownApiNamesTheFieldAndTheValue() {
        try (DemoClusterFixture f = new DemoClusterFixture()) {
            RoutingPlan plan = new RoutingPlan("ambient", "payments", List.of(), null, PLAN.rules(), null, "kgateway");
            assertThat(ApiChoice.diagnostics(plan, null, f.cache())).singleElement().satisfies(d -> {
                assertThat(d.is(DiagnosticCode.INVALID_API)).isTrue();
                assertThat(d.path()).isEqualTo("api");
                assertThat(d.args()).containsExactly("kgateway");
            });
        }
    }
}
