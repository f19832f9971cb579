package dev.trafficwizard.cluster;

import dev.trafficwizard.istio.ObjectChange;
import dev.trafficwizard.istio.ObjectComparison;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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
    public record Applied(String kind, String namespace, String name, ObjectChange change) {
    }

    private final Impersonator impersonator;
    private final ClusterCache cache;
    private final ClusterProperties properties;

    /** Writes as the dashboard's own account, never impersonating. */
    RoutingApplier(KubernetesClient client, ClusterCache cache, ClusterProperties properties) {
        this(Impersonator.none(client), cache, properties);
    }

    @Autowired
    RoutingApplier(Impersonator impersonator, ClusterCache cache, ClusterProperties properties) {
        this.impersonator = impersonator;
        this.cache = cache;
        this.properties = properties;
    }

    /**
     * Writes in the order given: create when there is no live object, replace when there is one,
     * delete when nothing is desired. On any failure the writes already made are undone in reverse
     * order, and the exception says what was put back and what could not be. With impersonation on,
     * every write (the undo included) is made as the current user; a 403 names them.
     */
    public List<Applied> apply(List<Write> writes) {
        Impersonator.Writer writer = impersonator.writer();
        KubernetesClient client = writer.client();
        List<Applied> applied = new ArrayList<>();
        Deque<Runnable> undo = new ArrayDeque<>();
        Deque<String> undoNames = new ArrayDeque<>();
        for (Write write : writes) {
            HasMetadata desired = write.desired();
            HasMetadata live = write.live();
            HasMetadata subject = desired != null ? desired : live;
            if (subject == null || desired != null && live != null && ObjectComparison.sameContent(desired, live)) {
                if (subject != null) {
                    applied.add(applied(subject, ObjectChange.UNCHANGED));
                }
                continue;
            }
            try {
                // the undo is registered as soon as the server took the write, before anything else can fail
                if (desired == null) {
                    client.resource(live).lockResourceVersion(live.getMetadata().getResourceVersion()).delete();
                    undo.push(() -> recreate(client, live));
                    undoNames.push(describe(subject));
                    cache.awaitVisible(live, true, properties.writeVisibleTimeoutMillis());
                    applied.add(applied(live, ObjectChange.DELETE));
                } else {
                    HasMetadata written = live == null ? create(client, desired) : update(client, desired, live);
                    undo.push(live == null ? () -> deleteQuietly(client, written)
                            : () -> restore(client, live, written));
                    undoNames.push(describe(subject));
                    cache.awaitVisible(written, false, properties.writeVisibleTimeoutMillis());
                    applied.add(applied(desired, live == null ? ObjectChange.CREATE : ObjectChange.UPDATE));
                }
            } catch (RuntimeException e) {
                int code = status(e);
                List<String> restored = new ArrayList<>();
                List<String> notRestored = new ArrayList<>();
                rollBack(undo, undoNames, restored, notRestored);
                boolean conflict = code == 409 || code == 404 && live != null;
                if (conflict && notRestored.isEmpty()) {
                    throw new ClusterConflictException(subject.getKind(), namespace(subject),
                            subject.getMetadata().getName(), e);
                }
                throw new ClusterWriteException(describe(subject), writer.explain(code, reason(e)), desired == null,
                        code, restored, notRestored, e);
            }
        }
        return applied;
    }

    /**
     * Asks the API server whether it would accept every write, without writing anything: each
     * request carries {@code dryRun=All}, so the server runs its schema validation and the admission
     * webhooks (Istio's validation among them) and then discards the result. Updates carry the
     * resourceVersion read and deletes it as a precondition, like {@link #apply}; writes that would
     * change nothing are not sent. All writes are sent even after one is refused.
     *
     * <p><strong>Never call this against the embedded demo cluster</strong> ({@link ClusterInfo#demo()}):
     * the CRUD mock server ignores {@code dryRun} and would really write. The caller checks this.
     *
     * @return what the server refused (400, 422 or 403): one entry per field the server named, else
     *         one with its message; empty when every write would be accepted
     * @throws ClusterConflictException when an object was changed or removed since it was read (409,
     *         or 404 on an update or delete)
     * @throws ClusterWriteException on any other failure (5xx, no connection, timeout); nothing was
     *         written, so nothing is listed as restored
     */
    public List<Rejection> dryRun(List<Write> writes) {
        Impersonator.Writer writer = impersonator.writer();
        KubernetesClient client = writer.client();
        List<Rejection> rejections = new ArrayList<>();
        for (Write write : writes) {
            HasMetadata desired = write.desired();
            HasMetadata live = write.live();
            HasMetadata subject = desired != null ? desired : live;
            if (subject == null || desired != null && live != null && ObjectComparison.sameContent(desired, live)) {
                continue;
            }
            try {
                if (desired == null) {
                    dryRunResource(client, live).lockResourceVersion(live.getMetadata().getResourceVersion()).delete();
                } else if (live == null) {
                    client.resource(desired).dryRun().create();
                } else {
                    client.resource(ObjectComparison.merged(desired, live)).dryRun().update();
                }
            } catch (RuntimeException e) {
                int code = status(e);
                if (code == 400 || code == 403 || code == 422) {
                    rejections.addAll(rejections(subject, (KubernetesClientException) e, writer));
                    continue;
                }
                if (code == 409 || code == 404 && live != null) {
                    throw new ClusterConflictException(subject.getKind(), namespace(subject),
                            subject.getMetadata().getName(), e);
                }
                throw new ClusterWriteException(describe(subject), writer.explain(code, reason(e)), false, code,
                        List.of(), List.of(), e);
            }
        }
        return rejections;
    }

    /** Why the API server would refuse a write: the field it named (null when none) and its message. */
    public record Rejection(String kind, String namespace, String name, String field, String message) {
    }

    @SuppressWarnings("unchecked")
    private static Resource<HasMetadata> dryRunResource(KubernetesClient client, HasMetadata object) {
        // dryRun() is typed as WritableOperation, which lacks lockResourceVersion; the object behind it is
        // the same resource operation with dryRun set, so the delete carries both dryRun and the precondition
        return (Resource<HasMetadata>) client.resource(object).dryRun();
    }

    private static List<Rejection> rejections(HasMetadata subject, KubernetesClientException e,
                                              Impersonator.Writer writer) {
        Status status = e.getStatus();
        List<StatusCause> causes = status == null || status.getDetails() == null ? null
                : status.getDetails().getCauses();
        if (causes == null || causes.isEmpty()) {
            return List.of(rejection(subject, null, writer.explain(e.getCode(), reason(e))));
        }
        return causes.stream().map(c -> rejection(subject, c.getField(),
                c.getMessage() != null ? c.getMessage() : reason(e))).toList();
    }

    private static Rejection rejection(HasMetadata subject, String field, String message) {
        return new Rejection(subject.getKind(), namespace(subject), subject.getMetadata().getName(), field, message);
    }

    /** Deletes the objects in the order given, each at the resourceVersion read; undone if one fails. */
    public List<Applied> delete(List<HasMetadata> objects) {
        return apply(objects.stream().map(o -> new Write(null, o)).toList());
    }

    private static HasMetadata create(KubernetesClient client, HasMetadata desired) {
        return client.resource(desired).create();
    }

    private static HasMetadata update(KubernetesClient client, HasMetadata desired, HasMetadata live) {
        return client.resource(ObjectComparison.merged(desired, live)).update();
    }

    private void restore(KubernetesClient client, HasMetadata previous, HasMetadata written) {
        HasMetadata copy = Serialization.clone(previous);
        copy.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        HasMetadata restored = client.resource(copy).update();
        cache.awaitVisible(restored, false, properties.writeVisibleTimeoutMillis());
    }

    private void recreate(KubernetesClient client, HasMetadata deleted) {
        HasMetadata copy = Serialization.clone(deleted);
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setUid(null);
        copy.getMetadata().setCreationTimestamp(null);
        copy.getMetadata().setManagedFields(null);
        HasMetadata created = client.resource(copy).create();
        cache.awaitVisible(created, false, properties.writeVisibleTimeoutMillis());
    }

    private void deleteQuietly(KubernetesClient client, HasMetadata written) {
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

    private static Applied applied(HasMetadata o, ObjectChange change) {
        return new Applied(o.getKind(), namespace(o), o.getMetadata().getName(), change);
    }

    private static String namespace(HasMetadata o) {
        return o.getMetadata().getNamespace();
    }

    private static String describe(HasMetadata o) {
        return o.getKind() + " " + namespace(o) + "/" + o.getMetadata().getName();
    }

    /** The HTTP status of the failure; 0 when there was no HTTP response (timeout, no connection). */
    private static int status(RuntimeException e) {
        return e instanceof KubernetesClientException k ? Math.max(k.getCode(), 0) : 0;
    }

    static String reason(RuntimeException e) {
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
