package dev.trafficwizard.workflow;

import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.istio.Scenarios;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.StickySession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each seed scenario written with the Gateway API to the demo cluster and read back from what the
 * API server holds (empty lists where fields were absent, server fields): the service is routed with
 * an HTTPRoute, the form opens with the same plan, and the model gives the same shares as Istio's API.
 * Sticky hashing has no Gateway API equivalent, so its keys are left out (the keep-version cookie stays).
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
class SeedScenariosGatewayApiIntegrationTest {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    @AfterEach
    void cleanUp() {
        AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-webapp", "fleetman-staff-service");
    }

    static Stream<Scenarios.Scenario> scenarios() {
        return Scenarios.all().stream();
    }

    static RoutingPlan translatable(RoutingPlan plan) {
        StickySession s = plan.stickySession();
        StickySession kept = s == null || !s.pinsVersions() ? null
                : new StickySession(null, null, null, null, s.keepVersionCookie());
        return new RoutingPlan(plan.namespace(), plan.service(), plan.hosts(), plan.gateway(), plan.rules(), kept,
                RoutingApi.GATEWAY_API.value());
    }

    /** The plan with each weight as Istio applies it (a lone destination without weight gets 100). */
    static RoutingPlan weighted(RoutingPlan plan) {
        return new RoutingPlan(plan.namespace(), plan.service(), plan.hosts(), plan.gateway(), plan.rules().stream()
                .map(r -> new dev.trafficwizard.routing.Rule(r.match(), r.route().stream()
                        .map(d -> new dev.trafficwizard.routing.WeightedDestination(d.version(),
                                d.effectiveWeight(r.route().size()))).toList())).toList(),
                plan.stickySession(), plan.api());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void writtenWithTheGatewayApiAndReadBackAsTheSamePlan(Scenarios.Scenario scenario) {
        RoutingPlan plan = translatable(scenario.plan());
        WriteResult istio = AsAdmin.get(() -> workflow.apply(plan.withApi(RoutingApi.ISTIO), null, scenario.form()));
        assertThat(istio).isInstanceOf(WriteResult.Applied.class);
        Preview move = AsAdmin.get(() -> workflow.preview(plan, scenario.form()));
        assertThat(move.hasErrors()).as("%s", move.diagnostics()).isFalse();
        if (scenario.name().equals("webapp-uri-prefix")) {
            // a URI prefix matches whole segments under the Gateway API: the preview says which entry point changes
            assertThat(move.changes()).isNotEmpty();
        } else if (scenario.name().equals("webapp-https-gateway")) {
            // Istio's VirtualService also routed the host fleetman.com inside the mesh; a mesh HTTPRoute routes the Service
            assertThat(move.changes()).extracting(WhatChanges.EntryChange::key).containsExactly("mesh|fleetman.com");
        } else if (scenario.name().equals("webapp-subdomain")) {
            // one HTTPRoute per host: each host's entry keeps only its own rule (Istio listed every host's rules on
            // each, the other hosts' never matching), and experimental.fleetman.com becomes an entry of its own
            assertThat(move.changes()).extracting(WhatChanges.EntryChange::key).containsExactly(
                    "default/fleetman-gateway|fleetman.com", "default/fleetman-gateway|*.fleetman.com",
                    "default/fleetman-gateway|experimental.fleetman.com");
        } else {
            assertThat(move.changes()).as("every entry point routes as with Istio's API").isEmpty();
        }

        WriteResult result = AsAdmin.get(() -> workflow.apply(plan, null, scenario.form()));
        assertThat(result).as("%s", result).isInstanceOf(WriteResult.Applied.class);
        ServiceDetail live = catalog.service(plan.namespace(), plan.service()).orElseThrow();
        assertThat(live.routedWithGatewayApi()).isTrue();
        assertThat(live.virtualService()).isNull();
        assertThat(live.livePlan().map(SeedScenariosGatewayApiIntegrationTest::weighted))
                .as("read back from the cluster").contains(weighted(plan));
    }
}
