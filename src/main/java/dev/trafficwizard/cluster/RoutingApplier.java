package dev.trafficwizard.cluster;

import dev.trafficwizard.istio.ObjectComparison;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one place that writes routing to the cluster. One call = one user action: writes run in the
 * order given, each update carries the resourceVersion that was read (a 409 means someone else
 * changed the object: nothing more is written), and if a later write fails the earlier ones are
 * put back. Each write waits until the cache has seen it, so the next page is not stale.
 */
@Component
public class RoutingApplier {

    private static final Logger log = LoggerFactory.getLogger(RoutingApplier.class);

    /**
     * The object wanted and the live object it replaces: no live object means create, no desired
     * object means delete the live one.
     */
    public record Write(HasMetadata desired, HasMetadata live) {
    }

    /** What happened to one object: created, updated, unchanged or deleted. */
    public record Applied(String kind, String namespace, String name, String action) {
    }

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final ClusterProperties properties;

    RoutingApplier(KubernetesClient client, ClusterCache cache, ClusterProperties properties) {
        this.client = client;
        this.cache = cache;
        this.properties = properties;
    }

    /**
     * Writes in the order given: create when there is no live object, replace when there is one,
     * delete when nothing is desired. On any failure the writes already made are undone in reverse
     * order, and the exception says what was put back and what could not be.
     */
    public List<Applied> apply(List<Write> writes) {
        List<Applied> applied = new ArrayList<>();
        Deque<Runnable> undo = new ArrayDeque<>();
        Deque<String> undoNames = new ArrayDeque<>();
        for (Write write : writes) {
            HasMetadata desired = write.desired();
            HasMetadata live = write.live();
            HasMetadata subject = desired != null ? desired : live;
            if (subject == null || desired != null && live != null && ObjectComparison.sameContent(desired, live)) {
                if (subject != null) {
                    applied.add(applied(subject, "unchanged"));
                }
                continue;
            }
            try {
                if (desired == null) {
                    client.resource(live).lockResourceVersion(live.getMetadata().getResourceVersion()).delete();
                    cache.awaitVisible(live, true, properties.writeVisibleTimeoutMillis());
                    applied.add(applied(live, "deleted"));
                    undo.push(() -> recreate(live));
                } else {
                    HasMetadata written = live == null ? create(desired) : update(desired, live);
                    cache.awaitVisible(written, false, properties.writeVisibleTimeoutMillis());
                    applied.add(applied(desired, live == null ? "created" : "updated"));
                    undo.push(live == null ? () -> deleteQuietly(written) : () -> restore(live, written));
                }
                undoNames.push(describe(subject));
            } catch (RuntimeException e) {
                int code = e instanceof KubernetesClientException k ? k.getCode() : 0;
                List<String> restored = new ArrayList<>();
                List<String> notRestored = new ArrayList<>();
                rollBack(undo, undoNames, restored, notRestored);
                boolean conflict = code == 409 || code == 404 && live != null;
                if (conflict && notRestored.isEmpty()) {
                    throw new ClusterConflictException(subject.getKind(), namespace(subject),
                            subject.getMetadata().getName(), e);
                }
                throw new ClusterWriteException(describe(subject), reason(e), desired == null, code, restored,
                        notRestored, e);
            }
        }
        return applied;
    }

    /** Deletes the objects in the order given, each at the resourceVersion read; undone if one fails. */
    public List<Applied> delete(List<HasMetadata> objects) {
        return apply(objects.stream().map(o -> new Write(null, o)).toList());
    }

    private HasMetadata create(HasMetadata desired) {
        return client.resource(desired).create();
    }

    private HasMetadata update(HasMetadata desired, HasMetadata live) {
        return client.resource(ObjectComparison.merged(desired, live)).update();
    }

    private void restore(HasMetadata previous, HasMetadata written) {
        HasMetadata copy = Serialization.clone(previous);
        copy.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        HasMetadata restored = client.resource(copy).update();
        cache.awaitVisible(restored, false, properties.writeVisibleTimeoutMillis());
    }

    private void recreate(HasMetadata deleted) {
        HasMetadata copy = Serialization.clone(deleted);
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setUid(null);
        copy.getMetadata().setCreationTimestamp(null);
        copy.getMetadata().setManagedFields(null);
        HasMetadata created = client.resource(copy).create();
        cache.awaitVisible(created, false, properties.writeVisibleTimeoutMillis());
    }

    private void deleteQuietly(HasMetadata written) {
        client.resource(written).delete();
        cache.awaitVisible(written, true, properties.writeVisibleTimeoutMillis());
    }

    private static void rollBack(Deque<Runnable> undo, Deque<String> names, List<String> restored,
                                 List<String> notRestored) {
        while (!undo.isEmpty()) {
            String name = names.pop();
            try {
                undo.pop().run();
                restored.add(name);
            } catch (RuntimeException e) {
                log.error("Could not restore {} after a failed apply", name, e);
                notRestored.add(name);
            }
        }
    }

    private static Applied applied(HasMetadata o, String action) {
        return new Applied(o.getKind(), namespace(o), o.getMetadata().getName(), action);
    }

    private static String namespace(HasMetadata o) {
        return o.getMetadata().getNamespace();
    }

    private static String describe(HasMetadata o) {
        return o.getKind() + " " + namespace(o) + "/" + o.getMetadata().getName();
    }

    private static String reason(RuntimeException e) {
        if (e instanceof KubernetesClientException k) {
            if (k.getStatus() != null && k.getStatus().getMessage() != null) {
                return k.getStatus().getMessage();
            }
            if (k.getCode() > 0) {
                return "HTTP " + k.getCode();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
