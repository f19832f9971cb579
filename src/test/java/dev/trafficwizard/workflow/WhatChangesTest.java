package dev.trafficwizard.workflow;

import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.istio.RoutingModel;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The "what changes" list: shares before and after per entry point, and the flags a person may not mean. */
class WhatChangesTest {

    static final TargetService STAFF = new TargetService("default", "fleetman-staff-service", "version", List.of(
            new TargetService.ServiceVersion("safe", 2, 2), new TargetService.ServiceVersion("risky", 1, 1)));
    static final GatewayPlan GATEWAY = new GatewayPlan("staff-gateway", true, List.of("staff.example.com"), 80, false);

    static RoutingPlan split(GatewayPlan gateway, int safe, int risky) {
        return new RoutingPlan("default", "fleetman-staff-service", List.of(), gateway, List.of(new Rule(List.of(),
                List.of(new WeightedDestination("safe", safe), new WeightedDestination("risky", risky)))), null);
    }

    static RoutingPlan header(GatewayPlan gateway) {
        return new RoutingPlan("default", "fleetman-staff-service", List.of(), gateway, List.of(
                new Rule(List.of(new MatchCondition(null, Map.of("x-canary", new StringMatch("yes", null, null)),
                        null, null, null)), List.of(new WeightedDestination("risky", null))),
                new Rule(List.of(), List.of(new WeightedDestination("safe", null)))), null);
    }

    static ServiceRoutes routes(List<HasMetadata> objects) {
        return RoutingModel.of(of(objects, io.fabric8.istio.api.networking.v1.VirtualService.class),
                of(objects, io.fabric8.istio.api.networking.v1.DestinationRule.class),
                of(objects, io.fabric8.istio.api.networking.v1.Gateway.class), STAFF).service();
    }

    static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static WhatChanges.Result changes(RoutingPlan before, RoutingPlan after, HasMetadata... others) {
        RoutingObjects live = RoutingObjectBuilder.build(before, STAFF);
        RoutingObjects proposed = RoutingObjectBuilder.build(after, STAFF);
        List<RoutingApplier.Write> writes = new ArrayList<>(List.of(
                new RoutingApplier.Write(proposed.destinationRule(), live.destinationRule()),
                new RoutingApplier.Write(proposed.virtualService(), live.virtualService())));
        if (live.gateway() != null && proposed.gateway() == null) {
            writes.add(new RoutingApplier.Write(null, live.gateway()));
        }
        List<HasMetadata> liveObjects = new ArrayList<>(live.all());
        List<HasMetadata> proposedObjects = new ArrayList<>(proposed.all());
        liveObjects.addAll(List.of(others));
        proposedObjects.addAll(List.of(others));
        return WhatChanges.of(routes(liveObjects), routes(proposedObjects), writes);
    }

    static List<String> codes(WhatChanges.Result result) {
        return result.flags().stream().map(Diagnostic::code).toList();
    }

    @Test
    void movingFromAGatewayToTheMeshFlagsTheDeletedGatewayAndTheHostNoLongerServed() {
        WhatChanges.Result result = changes(split(GATEWAY, 90, 10), split(null, 90, 10));
        assertThat(codes(result)).containsExactlyInAnyOrder("GATEWAY_DELETED", "HOST_NOT_SERVED");
        assertThat(result.changes()).extracting(WhatChanges.EntryChange::key).containsExactlyInAnyOrder(
                "mesh|fleetman-staff-service.default.svc.cluster.local", "default/staff-gateway|staff.example.com");
        WhatChanges.EntryChange mesh = result.changes().stream().filter(c -> c.key().startsWith("mesh")).findFirst()
                .orElseThrow();
        assertThat(mesh.beforeText()).isEqualTo("round robin → safe 67 %, risky 33 %");
        assertThat(mesh.afterText()).isEqualTo("* → safe 90 %, risky 10 %");
    }

    @Test
    void leavingTheMeshForAGatewayFlagsTheMeshUnbound() {
        WhatChanges.Result result = changes(header(null), header(GATEWAY));
        assertThat(codes(result)).containsExactly("MESH_UNBOUND");
        assertThat(result.flags().get(0).path()).isEqualTo("gateway.includeMesh");
    }

    @Test
    void aVersionThatLosesAllItsTrafficIsFlagged() {
        WhatChanges.Result result = changes(split(null, 90, 10), split(null, 100, 0));
        assertThat(codes(result)).containsExactly("VERSION_LOSES_TRAFFIC");
        assertThat(result.flags().get(0).args()).containsExactly("risky");
        assertThat(result.changes()).singleElement().satisfies(c -> {
            assertThat(c.beforeText()).isEqualTo("* → safe 90 %, risky 10 %");
            assertThat(c.afterText()).isEqualTo("* → safe 100 %, risky 0 %");
        });
    }

    @Test
    void aMirrorOrAFaultAddedToTheSameSplitIsAChange() {
        RoutingPlan plain = split(null, 90, 10);
        dev.trafficwizard.routing.Rule rule = plain.rules().get(0);
        RoutingPlan mirrored = plain.withRules(List.of(new dev.trafficwizard.routing.Rule(rule.match(), rule.route(),
                new dev.trafficwizard.routing.Mirror("risky", 10.0),
                new dev.trafficwizard.routing.Fault(null, new dev.trafficwizard.routing.Fault.Abort(503, 5.0)),
                "2s", null, null)));

        WhatChanges.Result result = changes(plain, mirrored);

        assertThat(result.changes()).singleElement().satisfies(c -> {
            assertThat(c.beforeText()).isEqualTo("* → safe 90 %, risky 10 %");
            assertThat(c.afterText()).startsWith("* → safe 90 %, risky 10 % [mirror ")
                    .contains("10 %").contains("abort 5 % 503").contains("timeout 2s");
        });
    }

    @Test
    void removingASubsetAnotherVirtualServiceStillUsesIsFlagged() {
        var tests = dev.trafficwizard.istio.IstioObjects.vs("default", "staff-tests", List.of("staff-tests.example"),
                List.of(), dev.trafficwizard.istio.IstioObjects.rule(List.of(), dev.trafficwizard.istio.IstioObjects.dest(
                        "fleetman-staff-service.default.svc.cluster.local", "risky", null)));
        RoutingPlan safeOnly = new RoutingPlan("default", "fleetman-staff-service", List.of(), null,
                List.of(new Rule(List.of(), List.of(new WeightedDestination("safe", null)))), null);
        WhatChanges.Result result = changes(split(null, 90, 10), safeOnly, tests);
        assertThat(codes(result)).contains("SUBSET_STILL_USED", "VERSION_LOSES_TRAFFIC");
        assertThat(result.flags().stream().filter(f -> f.code().equals("SUBSET_STILL_USED")).findFirst()
                .orElseThrow().args()).containsExactly("default/staff-tests", "risky", "mesh · staff-tests.example");
    }

    @Test
    void theSamePlanChangesNothing() {
        WhatChanges.Result result = changes(header(null), header(null));
        assertThat(result.changes()).isEmpty();
        assertThat(result.flags()).isEmpty();
    }
}
