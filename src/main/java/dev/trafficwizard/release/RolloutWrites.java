package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.RolloutStore;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.rollout.Phase;
import dev.trafficwizard.rollout.RolloutMachine;
import dev.trafficwizard.rollout.RolloutPlans;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.RouteTarget;
import dev.trafficwizard.rollout.Transition;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.Revision;
import dev.trafficwizard.workflow.RevisionAction;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a rollout's transitions become real: the routing it asks for goes through the one write
 * path ({@link RoutingWorkflow#applyForRollout}: validation, the live base version, ordered writes,
 * a history revision and an audit line naming the rollout and step), then the state is stored
 * ({@link RolloutStore}, optimistic concurrency). A routing write that does not apply (a concurrent
 * change, a rejection, a failure) leaves the rollout paused at the routing it had, with the reason.
 */
@Component
class RolloutWrites {

    private static final Logger log = LoggerFactory.getLogger(RolloutWrites.class);

    private final RolloutStore store;
    private final Catalog catalog;
    private final RoutingWorkflow workflow;
    private final History history;
    private final MessageSource messages;
    private final Clock clock;

    RolloutWrites(RolloutStore store, Catalog catalog, RoutingWorkflow workflow, History history,
                  MessageSource messages, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.workflow = workflow;
        this.history = history;
        this.messages = messages;
        this.clock = clock;
    }

    /** How committing a transition ended: the record now stored, the routing write (null: none). */
    record Committed(RolloutRecord record, WriteResult write, boolean retry, boolean stale) {
    }

    Clock clock() {
        return clock;
    }

    Optional<RolloutRecord> load(String namespace, String service) {
        return store.read(namespace, service).flatMap(RolloutWrites::readable);
    }

    List<RolloutRecord> loadAll() {
        return store.all().stream().map(RolloutWrites::readable).flatMap(Optional::stream).toList();
    }

    private static Optional<RolloutRecord> readable(RolloutStore.Stored stored) {
        try {
            return RolloutRecord.of(stored);
        } catch (RuntimeException unreadable) {
            log.warn("Skipping the unreadable rollout of {}/{}: {}", stored.namespace(), stored.service(),
                    unreadable.toString());
            return Optional.empty();
        }
    }

    /** The number of the service's newest revision in the history (0: none). */
    int newestRevision(String namespace, String service) {
        List<Revision> revisions = history.revisions(namespace, service);
        return revisions.isEmpty() ? 0 : revisions.get(0).number();
    }

    /**
     * Writes {@code t}'s routing (if any) as {@code user}, then stores its state over {@code before}.
     * A routing conflict with {@code mayRetry} stores nothing ({@code retry}: read again, try once more);
     * otherwise a write that did not apply stores {@code before} interrupted, with why.
     */
    Committed commit(RolloutRecord before, Transition t, String user, boolean mayRetry) {
        RolloutState next = t.state();
        WriteResult write = null;
        int newest = before.revision();
        java.time.Instant written = before.written();
        if (t.write() != null) {
            write = route(next, t.write(), user);
            if (write.applied()) {
                newest = newestRevision(next.namespace(), next.service());
                written = clock.instant();
            } else if (write instanceof WriteResult.Conflict && mayRetry) {
                return new Committed(before, write, true, false);
            } else {
                next = RolloutMachine.interrupt(before.state(), reason(next, write), clock.instant()).state();
            }
        }
        try {
            RolloutRecord updated = before.with(next, newest, written);
            RolloutStore.Stored stored = store.write(next.namespace(), next.service(), updated.data(),
                    before.resourceVersion());
            return new Committed(updated.withVersion(stored.resourceVersion()),
                    write, false, false);
        } catch (RolloutStore.StaleException e) {
            if (write != null && write.applied()) {
                // another replica acted on the rollout meanwhile and its state won: its routing is put back
                log.warn("The rollout of {}/{} changed while it was written; writing its stored routing again",
                        next.namespace(), next.service());
                load(next.namespace(), next.service())
                        .ifPresent(won -> route(won.state(), won.state().current(), user));
            }
            return new Committed(before, write, !(write != null && write.applied()) && mayRetry, true);
        }
    }

    /** Stores a record over the one read at {@code resourceVersion} (null: a new one); {@link RolloutStore.StaleException} when another writer was first. */
    RolloutStore.Stored store(RolloutRecord record, String resourceVersion) {
        return store.write(record.state().namespace(), record.state().service(), record.data(), resourceVersion);
    }

    /** Writes the routing {@code target} asks for, on top of the service's live routing. */
    WriteResult route(RolloutState state, RouteTarget target, String user) {
        Optional<ServiceDetail> service = catalog.service(state.namespace(), state.service());
        if (service.isEmpty()) {
            return new WriteResult.Rejected(List.of(Diagnostic.error(DiagnosticCode.UNKNOWN_SERVICE, "service",
                    state.namespace(), state.service())));
        }
        var plan = RolloutPlans.plan(service.get().livePlan(), state.namespace(), state.service(), state.spec(),
                target);
        try {
            return workflow.applyForRollout(plan, RoutingWorkflow.baseVersion(service.get()),
                    RevisionAction.rollout(detail(state)), user);
        } catch (RuntimeException e) {
            log.error("The rollout of {}/{} could not write its routing", state.namespace(), state.service(), e);
            return new WriteResult.Failed("the routing of " + state.service(), String.valueOf(e.getMessage()),
                    false, 0, List.of(), List.of());
        }
    }

    /** What a revision of this state is called after "rollout ": "step 2 (weight 25 %)", "aborted", "promoted". */
    static String detail(RolloutState state) {
        if (state.phase() == Phase.Aborted) {
            return "aborted";
        }
        if (state.phase() == Phase.Succeeded) {
            return "promoted";
        }
        RouteTarget t = state.current();
        String what = t.header() != null ? "header " + t.header().name() + ": " + t.header().value()
                : t.mirror() != null ? "mirror " + number(t.mirror()) + " %"
                : "weight " + t.canaryWeight() + " %";
        return "step " + (state.step() + 1) + " (" + what + ")";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Why the rollout stopped when its write of {@code next} did not apply. */
    String reason(RolloutState next, WriteResult write) {
        String what = "rollout " + detail(next);
        return write.fold(applied -> what,
                rejected -> what + " was refused: " + rejected.diagnostics().stream().filter(Diagnostic::isError)
                        .map(this::text).collect(Collectors.joining("; ")),
                conflict -> what + " was not written: " + conflict.kind() + " " + conflict.namespace() + "/"
                        + conflict.name() + " was changed by someone else at the same time",
                failed -> what + " failed: " + failed.message());
    }

    private String text(Diagnostic d) {
        return messages.getMessage(d.messageKey(), d.args().toArray(), d.code(), Locale.ENGLISH)
                + (d.path() == null || d.path().isBlank() ? "" : " (" + d.path() + ")");
    }
}
