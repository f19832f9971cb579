package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #17: one replica drives the rollouts, the holder of a Lease; another takes over when the holder
 * stops (it releases the Lease) or dies (its lease expires), and a replica that lost the Lease stands again.
 */
@EnableKubernetesMockClient(crud = true)
class RolloutLeaderTest {

    KubernetesMockServer server;
    KubernetesClient client;

    static final LeaseProperties FAST = new LeaseProperties("rollouts-test", "wizard", Duration.ofSeconds(3),
            Duration.ofSeconds(2), Duration.ofMillis(300));

    @Test
    void oneLeadsAndAnotherTakesOverWhenItStops() {
        try (RolloutLeader a = new RolloutLeader(client, FAST); RolloutLeader b = new RolloutLeader(client, FAST)) {
            a.start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
            b.start();
            Lease lease = client.leases().inNamespace("wizard").withName("rollouts-test").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(a.identity());
            assertThat(a.identity()).isNotEqualTo(b.identity());
            assertThat(b.isLeader()).isFalse();

            a.close();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(b::isLeader);
            assertThat(a.isLeader()).isFalse();
            assertThat(client.leases().inNamespace("wizard").withName("rollouts-test").get().getSpec()
                    .getHolderIdentity()).isEqualTo(b.identity());
        }
    }

    @Test
    void aDeadLeadersLeaseIsTakenOverOnceItExpires() {
        client.leases().inNamespace("wizard").resource(new LeaseBuilder()
                .withNewMetadata().withName("rollouts-test").withNamespace("wizard").endMetadata()
                .withNewSpec().withHolderIdentity("dead-replica").withLeaseDurationSeconds(3)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build()).create();
        try (RolloutLeader b = new RolloutLeader(client, FAST)) {
            b.start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(b::isLeader);
            assertThat(client.leases().inNamespace("wizard").withName("rollouts-test").get().getSpec()
                    .getHolderIdentity()).isEqualTo(b.identity());
        }
    }

    @Test
    void theLeaseLivesInTheDashboardsNamespaceByDefault() {
        RolloutLeader leader = new RolloutLeader(client, new LeaseProperties(null, null, null, null, null));
        assertThat(leader.namespace()).isEqualTo(client.getNamespace() == null ? "traffic-wizard" : client.getNamespace());
        assertThat(new LeaseProperties(null, null, null, null, null)).isEqualTo(new LeaseProperties(
                "traffic-wizard-rollouts", null, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)));
        leader.close();
    }
}
