package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.MeshAnalysis;
import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.analysis.Overlay;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.analysis.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The checks of the live mesh, kept current in the background: one full check when the caches
 * have synced, then, for every change the informers see, a recheck of the changed object and the
 * objects that read it ({@link MeshAnalysis}). One worker thread does the checking; pages and the
 * API read the results held at that moment and never wait ({@link #ready()} says whether the first
 * full check has finished).
 */
@Component
public class MeshChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MeshChecks.class);

    private final CacheSnapshot mesh;
    private final MeshAnalysis analysis = new MeshAnalysis();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mesh-checks");
        t.setDaemon(true);
        return t;
    });
    private final Queue<HasMetadata[]> changes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** A batch of more changes than this is checked as a whole mesh (the informers' start, a relist). */
    static final int FULL_CHECK_BATCH = 2_000;

    private volatile boolean started;
    private volatile boolean ready;
    private volatile long fullMillis = -1;
    private volatile long lastRecheckMicros = -1;
    private volatile long version;

    MeshChecks(ClusterCache cache) {
        this.mesh = new CacheSnapshot(cache);
        cache.listen(this::changed);
        worker.submit(this::checkAll);
    }

    private void checkAll() {
        // every change heard before this point is already in the caches this check reads
        this.started = true;
        long started = System.nanoTime();
        try {
            int count = analysis.checkAll(mesh);
            fullMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            log.info("Checked {} routing objects of the live mesh in {} ms: {} findings", count, fullMillis,
                    analysis.findings().size());
        } catch (RuntimeException e) {
            log.error("The full check of the live mesh failed", e);
        } finally {
            ready = true;
            version++;
        }
    }

    private void changed(HasMetadata before, HasMetadata after) {
        if (!started || worker.isShutdown()) {
            return; // the full check to come reads it; or the dashboard is stopping
        }
        if (before != null && after != null && Objects.equals(before.getMetadata().getResourceVersion(),
                after.getMetadata().getResourceVersion())) {
            return; // a resync: nothing changed
        }
        if (before instanceof Deployment b && after instanceof Deployment a && Workloads.sameForChecks(b, a)) {
            return; // a rollout's or an autoscaler's status: the checks read only pods there or not, ready or not
        }
        changes.add(new HasMetadata[]{before, after});
        if (drainScheduled.compareAndSet(false, true)) {
            worker.submit(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<HasMetadata> before = new ArrayList<>();
        List<HasMetadata> after = new ArrayList<>();
        for (HasMetadata[] change; (change = changes.poll()) != null; ) {
            before.add(change[0]);
            after.add(change[1]);
        }
        if (before.isEmpty()) {
            return;
        }
        if (before.size() > FULL_CHECK_BATCH) {
            checkAll(); // cheaper than rechecking the readers of thousands of changes one by one
            return;
        }
        long started = System.nanoTime();
        try {
            analysis.changed(mesh, before, after);
        } catch (RuntimeException e) {
            log.error("Rechecking {} changed objects failed", before.size(), e);
        }
        lastRecheckMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
        version++;
    }

    /** Whether the first full check has finished (before, every answer is empty). */
    public boolean ready() {
        return ready;
    }

    /**
     * Waits until every change seen so far has been checked, for tests and the benchmark; pages never call it.
     *
     * @return false when that did not happen within the time
     */
    public boolean awaitIdle(long timeoutMillis) {
        try {
            worker.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Milliseconds the last full check took (-1 before it ends). */
    public long fullMillis() {
        return fullMillis;
    }

    /** Microseconds the last incremental recheck took (-1 before the first). */
    public long lastRecheckMicros() {
        return lastRecheckMicros;
    }

    /** Grows with every finished check: a cheap "did anything change" for pages and caches. */
    public long version() {
        return version;
    }

    /** Every finding of the live mesh, ordered by object. */
    public List<Finding> findings() {
        return analysis.findings();
    }

    /** The findings of one routing object. */
    public List<Finding> findingsOf(ObjectRef ref) {
        return analysis.findingsOf(ref);
    }

    /** The findings of the routing objects that concern the service {@code namespace/name}. */
    public List<Finding> findingsForService(String namespace, String name) {
        return analysis.findingsForService(Hosts.serviceFqdn(name, namespace));
    }

    /** The FQDNs of the services an object concerns, as its findings mark them (empty when unknown). */
    public java.util.Set<String> servicesOf(ObjectRef ref) {
        return analysis.serviceHostsOf(ref);
    }

    /** Per service FQDN, the findings that concern it (services without any absent). */
    public Map<String, List<Finding>> findingsByService() {
        return analysis.findingsByService();
    }

    /**
     * The findings of the live mesh with {@code objects} laid over it (replacing live objects of
     * the same kind, namespace and name): for those objects and the live ones that read them.
     * Writes nothing; runs on the caller's thread.
     */
    public List<Finding> analyzeWith(List<HasMetadata> objects) {
        Overlay overlay = Overlay.of(mesh, objects);
        return analysis.analyzeWith(overlay, objects, overlay.replaced());
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
