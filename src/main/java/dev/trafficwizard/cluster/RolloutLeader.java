package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * #17: which replica of the dashboard drives the rollouts: the holder of a Kubernetes {@code Lease}
 * ({@link LeaseProperties}: by default {@code traffic-wizard-rollouts} in the dashboard's own
 * namespace), through fabric8's {@code LeaderElector}. Every replica takes part; when the leader
 * stops (released on shutdown) or dies (its lease expires), another one takes over. A replica that
 * lost the lease tries again, so it can lead later. {@link #isLeader()} is what the driver asks.
 */
public class RolloutLeader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RolloutLeader.class);

    private final KubernetesClient client;
    private final LeaseProperties lease;
    private final String namespace;
    private final String identity;
    private volatile boolean leader;
    private volatile boolean closed;
    private volatile CompletableFuture<?> running;
    /** Held (shared) by the driver's work as leader; {@link #close} takes it exclusively before releasing the lease. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock work = new java.util.concurrent.locks.ReentrantReadWriteLock();

    /** Work done as leader (a driver's tick): {@link #close} waits for it to end before it releases the lease. */
    public interface Work extends AutoCloseable {
        @Override
        void close();
    }

    public RolloutLeader(KubernetesClient client, LeaseProperties lease) {
        this.client = client;
        this.lease = lease;
        this.namespace = lease.namespace() != null ? lease.namespace()
                : client.getNamespace() != null ? client.getNamespace() : LeaseProperties.DEFAULT_NAMESPACE;
        this.identity = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Takes part in the election (returns at once; leadership comes in the background), also again
     * after {@link #close}: the application context stops and restarts its lifecycle beans (Spring's
     * test framework pauses contexts it does not use and starts them again when a test needs them).
     */
    public synchronized void start() {
        closed = false;
        stand();
    }

    private synchronized void stand() {
        if (closed || running != null && !running.isDone()) {
            return;
        }
        var config = new LeaderElectionConfigBuilder()
                .withName("traffic-wizard rollouts")
                .withLock(new LeaseLock(namespace, lease.name(), identity))
                .withLeaseDuration(lease.duration()).withRenewDeadline(lease.renew()).withRetryPeriod(lease.retry())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped,
                        who -> log.info("Rollouts are driven by {}", who)))
                .build();
        CompletableFuture<?> future = client.leaderElector().withConfig(config).build().start();
        running = future;
        future.whenComplete((ok, failed) -> {
            leader = false;
            if (failed != null && !closed && !(failed instanceof java.util.concurrent.CancellationException)) {
                log.warn("Leader election for rollouts ended: {}", failed.toString());
            }
            if (!closed) {
                // lost the lease (or could not renew it): stand again, so this replica may lead later
                CompletableFuture.delayedExecutor(lease.retry().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .execute(this::stand);
            }
        });
    }

    private void started() {
        leader = true;
        log.info("This replica ({}) now drives the rollouts (Lease {}/{})", identity, namespace, lease.name());
    }

    private void stopped() {
        leader = false;
        log.info("This replica ({}) no longer drives the rollouts", identity);
    }

    public boolean isLeader() {
        return leader && !closed;
    }

    /**
     * Begins work as leader (close it when done), or empty when this replica does not lead: while it
     * runs, {@link #close} waits before releasing the lease, so no other replica drives the same
     * rollouts meanwhile. The work should still ask {@link #isLeader()} before each write (the lease
     * may be lost to an expiry).
     */
    public java.util.Optional<Work> working() {
        if (!isLeader()) {
            return java.util.Optional.empty();
        }
        var shared = work.readLock();
        shared.lock();
        if (!isLeader()) {
            shared.unlock();
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(shared::unlock);
    }

    public String identity() {
        return identity;
    }

    public String namespace() {
        return namespace;
    }

    /** Leaves the election, releasing the lease when held so another replica takes over at once. */
    @Override
    public synchronized void close() {
        closed = true;
        leader = false;
        var exclusive = work.writeLock();
        try {
            // a tick under way finishes first (at most a renew deadline): the lease is not handed over mid-write
            if (exclusive.tryLock(lease.renew().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                exclusive.unlock();
            } else {
                log.warn("A rollout tick still runs after {}; releasing the lease anyway", lease.renew());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running != null) {
            running.cancel(true);
        }
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "traffic-wizard";
        }
    }
}
