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

    /** The object wanted, and the live object it replaces ({@code null}: it must not exist yet). */
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

    public List<Applied> apply(List<Write> writes) {
        List<Applied> applied = new ArrayList<>();
        Deque<Runnable> undo = new ArrayDeque<>();
        Deque<String> undoNames = new ArrayDeque<>();
        for (Write write : writes) {
            HasMetadata desired = write.desired();
            HasMetadata live = write.live();
            if (live != null && ObjectComparison.sameContent(desired, live)) {
                applied.add(applied(desired, "unchanged"));
                continue;
            }
            try {
                HasMetadata written = live == null ? create(desired) : update(desired, live);
                cache.awaitVisible(written, false, properties.writeVisibleTimeoutMillis());
                applied.add(applied(desired, live == null ? "created" : "updated"));
                undo.push(live == null ? () -> deleteQuietly(written) : () -> restore(live, written));
                undoNames.push(describe(desired));
            } catch (KubernetesClientException e) {
                List<String> restored = new ArrayList<>();
                List<String> notRestored = new ArrayList<>();
                rollBack(undo, undoNames, restored, notRestored);
                if (e.getCode() == 409 || (e.getCode() == 404 && live != null)) {
                    if (notRestored.isEmpty()) {
                        throw new ClusterConflictException(desired.getKind(), namespace(desired),
                                desired.getMetadata().getName(), e);
                    }
                }
                throw new ClusterWriteException(describe(desired), reason(e), false, e.getCode(), restored,
                        notRestored, e);
            }
        }
        return applied;
    }

    /** Deletes the objects in the order given; each must still be at the resourceVersion read. */
    public List<Applied> delete(List<HasMetadata> objects) {
        List<Applied> deleted = new ArrayList<>();
        for (HasMetadata object : objects) {
            try {
                client.resource(object).lockResourceVersion(object.getMetadata().getResourceVersion()).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    throw new ClusterConflictException(object.getKind(), namespace(object),
                            object.getMetadata().getName(), e);
                }
                throw new ClusterWriteException(describe(object), reason(e), true, e.getCode(), List.of(),
                        deleted.stream().map(a -> a.kind() + " " + a.namespace() + "/" + a.name()).toList(), e);
            }
            cache.awaitVisible(object, true, properties.writeVisibleTimeoutMillis());
            deleted.add(applied(object, "deleted"));
        }
        return deleted;
    }

    private HasMetadata create(HasMetadata desired) {
        return client.resource(desired).create();
    }

    private HasMetadata update(HasMetadata desired, HasMetadata live) {
        HasMetadata copy = Serialization.clone(desired);
        copy.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
        copy.getMetadata().setLabels(ObjectComparison.mergedLabels(live, desired));
        copy.getMetadata().setAnnotations(ObjectComparison.mergedAnnotations(live, desired));
        return client.resource(copy).update();
    }

    private void restore(HasMetadata previous, HasMetadata written) {
        HasMetadata copy = Serialization.clone(previous);
        copy.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        HasMetadata restored = client.resource(copy).update();
        cache.awaitVisible(restored, false, properties.writeVisibleTimeoutMillis());
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

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getCode() > 0 ? "HTTP " + e.getCode() : String.valueOf(e.getMessage());
    }
}
