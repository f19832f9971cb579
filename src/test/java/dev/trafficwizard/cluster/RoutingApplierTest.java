package dev.trafficwizard.cluster;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Applies through the CRUD mock API server and reads back what a cluster would hold. */
@EnableKubernetesMockClient(crud = true)
class RoutingApplierTest {

    static final TargetService STAFF = new TargetService("default", "fleetman-staff-service", "version", List.of(
            new TargetService.ServiceVersion("safe", 2, 2), new TargetService.ServiceVersion("risky", 1, 1)));

    KubernetesMockServer server;
    KubernetesClient client;
    ClusterCache cache;
    RoutingApplier applier;

    @BeforeEach
    void setUp() {
        ClusterProperties properties = new ClusterProperties(ClusterProperties.Mode.DEMO, null, null, 10, 5000);
        cache = new ClusterCache(client, properties, new ClusterInfo(ClusterProperties.Mode.DEMO, "test", "mock"));
        applier = new RoutingApplier(client, cache, properties);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    static RoutingObjects split(int safe, int risky) {
        return RoutingObjectBuilder.build(RoutingPlan.weighted("default", "fleetman-staff-service",
                List.of(new WeightedDestination("safe", safe), new WeightedDestination("risky", risky))), STAFF);
    }

    static List<RoutingApplier.Write> writes(RoutingObjects objects, DestinationRule liveDr, VirtualService liveVs) {
        return List.of(new RoutingApplier.Write(objects.destinationRule(), liveDr),
                new RoutingApplier.Write(objects.virtualService(), liveVs));
    }

    VirtualService readVs() {
        return client.adapt(IstioClient.class).v1().virtualServices().inNamespace("default")
                .withName("fleetman-staff-service").get();
    }

    DestinationRule readDr() {
        return client.adapt(IstioClient.class).v1().destinationRules().inNamespace("default")
                .withName("fleetman-staff-service").get();
    }

    @Test
    void createsDestinationRuleThenVirtualServiceAndTheCacheSeesThemAtOnce() {
        List<RoutingApplier.Applied> applied = applier.apply(writes(split(90, 10), null, null));

        assertThat(applied).extracting(RoutingApplier.Applied::kind, a -> a.change().done())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DestinationRule", "created"),
                        org.assertj.core.groups.Tuple.tuple("VirtualService", "created"));
        VirtualService vs = readVs();
        assertThat(Managed.isManaged(vs)).isTrue();
        assertThat(vs.getSpec().getHttp().get(0).getRoute()).extracting(r -> r.getWeight()).containsExactly(90, 10);
        assertThat(readDr().getSpec().getSubsets()).extracting(s -> s.getName()).containsExactly("safe", "risky");
        assertThat(cache.virtualService("default", "fleetman-staff-service")).isPresent();
        assertThat(cache.destinationRule("default", "fleetman-staff-service")).isPresent();
    }

    @Test
    void updatesWithTheResourceVersionReadAndSkipsWhatIsUnchanged() {
        applier.apply(writes(split(90, 10), null, null));
        List<RoutingApplier.Applied> applied = applier.apply(writes(split(50, 50), readDr(), readVs()));

        assertThat(applied).extracting(a -> a.change().done()).containsExactly("unchanged", "updated");
        assertThat(readVs().getSpec().getHttp().get(0).getRoute()).extracting(r -> r.getWeight())
                .containsExactly(50, 50);
        assertThat(cache.virtualService("default", "fleetman-staff-service").orElseThrow()
                .getSpec().getHttp().get(0).getRoute().get(0).getWeight()).isEqualTo(50);
    }

    @Test
    void aStaleResourceVersionIsAConflictAndNothingElseIsWritten() {
        applier.apply(writes(split(90, 10), null, null));
        DestinationRule staleDr = readDr();
        VirtualService staleVs = readVs();
        // a colleague changes the routing in between
        applier.apply(writes(split(70, 30), readDr(), readVs()));
        String vsVersionAfterColleague = readVs().getMetadata().getResourceVersion();

        // our change also adds a label to the DestinationRule, so both objects would be written
        RoutingObjects ours = split(0, 100);
        ours.destinationRule().getMetadata().getLabels().put("team", "payments");
        assertThatThrownBy(() -> applier.apply(writes(ours, staleDr, staleVs)))
                .isInstanceOf(ClusterConflictException.class);

        assertThat(readVs().getMetadata().getResourceVersion()).isEqualTo(vsVersionAfterColleague);
        assertThat(readVs().getSpec().getHttp().get(0).getRoute()).extracting(r -> r.getWeight())
                .containsExactly(70, 30);
        assertThat(readDr().getMetadata().getLabels()).doesNotContainKey("team");
    }

    @Test
    void whenTheSecondWriteFailsTheFirstIsUndone() {
        // someone created a VirtualService after we read "absent": our create of it fails with 409
        client.resource(split(100, 0).virtualService()).create();

        assertThatThrownBy(() -> applier.apply(writes(split(90, 10), null, null)))
                .isInstanceOf(ClusterConflictException.class);

        assertThat(readDr()).as("the DestinationRule created first is removed again").isNull();
        assertThat(readVs().getSpec().getHttp().get(0).getRoute().get(0).getWeight()).isEqualTo(100);
    }

    @Test
    void deleteRemovesInTheOrderGiven() {
        applier.apply(writes(split(90, 10), null, null));
        List<RoutingApplier.Applied> deleted = applier.delete(List.of(readVs(), readDr()));

        assertThat(deleted).extracting(RoutingApplier.Applied::kind).containsExactly("VirtualService",
                "DestinationRule");
        assertThat(readVs()).isNull();
        assertThat(readDr()).isNull();
        assertThat(cache.virtualService("default", "fleetman-staff-service")).isEmpty();
    }

    @Test
    void labelsOthersPutOnAManagedObjectSurviveAnUpdate() {
        applier.apply(writes(split(90, 10), null, null));
        VirtualService labelled = readVs();
        labelled.getMetadata().getLabels().put("team", "fleet");
        client.resource(labelled).update();

        applier.apply(writes(split(80, 20), readDr(), readVs()));

        assertThat(readVs().getMetadata().getLabels()).containsEntry("team", "fleet")
                .containsEntry(Managed.LABEL, Managed.VALUE);
    }
}
