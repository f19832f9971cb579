package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterConflictException;
import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.cluster.ClusterWriteException;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends writes to the cluster and records how they ended: the API server's dry run first, then the
 * writes, each outcome counted, audited, and (when it changed the cluster) kept in the history.
 * The cluster adapter's exceptions end here, turned into {@link WriteResult}s.
 */
@Component
class RecordedWrites {

    private final RoutingApplier applier;
    private final History history;
    private final ClusterInfo cluster;
    private final RoutingMetrics metrics;
    private final Catalog catalog;
    private final Ownership ownership;

    RecordedWrites(RoutingApplier applier, History history, ClusterInfo cluster, RoutingMetrics metrics,
                   Catalog catalog, Ownership ownership) {
        this.applier = applier;
        this.history = history;
        this.cluster = cluster;
        this.metrics = metrics;
        this.catalog = catalog;
        this.ownership = ownership;
    }

    /** Dry run, then the writes in the order given; recorded as {@code draft}. Owned objects are refused. */
    WriteResult write(ServiceDetail service, Revision draft, List<RoutingApplier.Write> writes) {
        return write(service, draft, writes, false);
    }

    /**
     * The same; #18 own: nothing is written when another tool owns an object to write or delete (or its
     * namespace), unless an admin acknowledged the owner ({@code acknowledgeOwner}): then the revision and
     * the audit line say "overrode &lt;tool&gt; ownership of &lt;object&gt;".
     */
    WriteResult write(ServiceDetail service, Revision draft, List<RoutingApplier.Write> writes,
                      boolean acknowledgeOwner) {
        var owned = ownership.owned(service, writes);
        var refused = ownership.refused(owned, acknowledgeOwner);
        if (refused.isPresent()) {
            return refused.get();
        }
        Revision recorded = owned.isEmpty() ? draft : draft.withMessage(Ownership.override(owned));
        return dryRun(writes).orElseGet(() -> recorded(service, recorded, () -> applier.apply(writes)));
    }

    /**
     * On a real cluster the API server checks every object first (schema, admission webhooks):
     * its rejections become diagnostics and nothing is written. Skipped on the demo cluster, whose
     * mock API server does not honour dryRun and would really write.
     */
    private Optional<WriteResult> dryRun(List<RoutingApplier.Write> writes) {
        if (cluster.demo()) {
            return Optional.empty();
        }
        try {
            List<Diagnostic> rejected = applier.dryRun(writes).stream()
                    .map(r -> Diagnostic.error(DiagnosticCode.SERVER_REJECTED, "", r.kind() + " " + r.namespace() + "/" + r.name(),
                            r.field() == null ? "" : r.field(), r.message()))
                    .toList();
            return rejected.isEmpty() ? Optional.empty()
                    : Optional.of(new WriteResult.Rejected(rejected));
        } catch (ClusterConflictException e) {
            return Optional.of(conflict(e));
        } catch (ClusterWriteException e) {
            return Optional.of(failed(e));
        }
    }

    private WriteResult recorded(ServiceDetail service, Revision draft,
                                 Supplier<List<RoutingApplier.Applied>> write) {
        try {
            List<RoutingApplier.Applied> applied = metrics.timed(write);
            metrics.outcome(draft.action(), Outcome.APPLIED);
            List<String> changed = applied.stream().filter(a -> a.change().changes())
                    .map(a -> a.change().done() + " " + a.kind() + " " + a.namespace() + "/" + a.name()).toList();
            if (!changed.isEmpty()) {
                history.record(service.target().namespace(), service.target().name(), draft.applied(changed));
            }
            return new WriteResult.Applied(applied.stream()
                    .map(a -> new WriteResult.Written(a.kind(), a.namespace(), a.name(), a.change())).toList());
        } catch (ClusterConflictException e) {
            recordConflict(service, draft, e.getMessage());
            return conflict(e);
        } catch (ClusterWriteException e) {
            recordFailure(service, draft, e);
            return failed(e);
        }
    }

    /** A conflict noticed before writing (a stale base version): audited and counted like one from the server. */
    WriteResult.Conflict conflict(ServiceDetail service, Revision draft) {
        String kind = "VirtualService";
        String namespace = service.target().namespace();
        String name = service.target().name();
        recordConflict(service, draft, kind + " " + namespace + "/" + name
                + " was changed in the cluster since it was read");
        return new WriteResult.Conflict(kind, namespace, name);
    }

    private void recordConflict(ServiceDetail service, Revision draft, String message) {
        metrics.outcome(draft.action(), Outcome.CONFLICT);
        // nothing changed in the cluster: the audit log has it, the history keeps applied revisions
        history.attempt(service.target().namespace(), service.target().name(),
                draft.failed(Outcome.CONFLICT, "", message));
    }

    private void recordFailure(ServiceDetail service, Revision draft, ClusterWriteException failure) {
        metrics.outcome(draft.action(), Outcome.FAILED);
        List<String> restored = failure.restored();
        List<String> notRestored = failure.notRestored();
        String message = failure.getMessage() + (restored.isEmpty() ? "" : "; put back: " + restored)
                + (notRestored.isEmpty() ? "" : "; NOT put back: " + notRestored);
        Revision attempt = draft.failed(Outcome.FAILED, liveYaml(service), message);
        if (notRestored.isEmpty()) {
            history.attempt(service.target().namespace(), service.target().name(), attempt);
        } else {
            history.record(service.target().namespace(), service.target().name(), attempt);
        }
    }

    private String liveYaml(ServiceDetail service) {
        return catalog.service(service.target().namespace(), service.target().name())
                .map(ServiceDetail::liveYaml).orElse("");
    }

    private static WriteResult.Conflict conflict(ClusterConflictException e) {
        return new WriteResult.Conflict(e.kind(), e.namespace(), e.name());
    }

    private static WriteResult.Failed failed(ClusterWriteException e) {
        return new WriteResult.Failed(e.object(), e.reason(), e.deleting(), e.status(), e.restored(), e.notRestored());
    }
}
