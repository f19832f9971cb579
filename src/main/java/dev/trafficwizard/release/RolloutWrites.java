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

    /** How long an intent (the state stored, its routing being written) is taken as another replica's write under way. */
    static final java.time.Duration WRITE_GRACE = ManualChanges.CACHE_GRACE;

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

    /** The service's rollout ConfigMap as stored, readable or not. */
    Optional<RolloutStore.Stored> stored(String namespace, String service) {
        return store.read(namespace, service);
    }

    /** The service's rollout as pages show it (from the cache when there is one). */
    Optional<RolloutRecord> loadShown(String namespace, String service) {
        return store.shown(namespace, service).flatMap(RolloutWrites::readable);
    }

    List<RolloutRecord> loadAllShown() {
        return store.allShown().stream().map(RolloutWrites::readable).flatMap(Optional::stream).toList();
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
     * Takes {@code t} as {@code user}: without routing to write, stores its state over {@code before}.
     * With routing, first stores the state as an intent ({@link RolloutRecord#pending}, the
     * resourceVersion checked: another replica that acted first makes it stale and nothing is written),
     * then writes the routing, then stores the state written (pending cleared). A routing conflict
     * with {@code mayRetry} puts {@code before} back ({@code retry}: read again, try once more). An
     * abort is never turned into a pause: its write is tried again on a fresh read and plan, and if it
     * still fails the state stays Aborted with the routing marked unwritten (the driver writes it at
     * every tick until it applies). Any other write that did not apply stores {@code before}
     * interrupted, with why.
     */
    Committed commit(RolloutRecord before, Transition t, String user, boolean mayRetry) {
        RolloutState next = t.state();
        if (t.write() == null) {
            try {
                RolloutRecord updated = before.with(next, before.revision(), before.written());
                RolloutStore.Stored stored = stored(updated, before.resourceVersion());
                return new Committed(updated.withVersion(stored.resourceVersion()), null, false, false);
            } catch (RolloutStore.StaleException e) {
                return new Committed(before, null, mayRetry, true);
            }
        }
        RolloutRecord intent = before.intent(next, clock.instant());
        String version;
        try {
            version = stored(intent, before.resourceVersion()).resourceVersion();
        } catch (RolloutStore.StaleException e) {
            return new Committed(before, null, mayRetry, true); // another replica acted first: nothing written
        }
        WriteResult write = route(next, t.write(), user, before.userRouting());
        if (!write.applied() && write instanceof WriteResult.Conflict && mayRetry) {
            return settle(before.withVersion(version), before, write, true);
        }
        if (!write.applied() && next.phase() == Phase.Aborted) {
            log.warn("The abort of the rollout of {}/{} was not written ({}); trying again on a fresh read",
                    next.namespace(), next.service(), reason(next, write));
            write = route(next, t.write(), user, before.userRouting());
        }
        if (write.applied()) {
            return settle(intent.withVersion(version), before.with(next, newestRevision(next.namespace(),
                    next.service()), clock.instant()), write, false);
        }
        if (next.phase() == Phase.Aborted) {
            String why = reason(next, write);
            RolloutState noted = next.withEvent(new dev.trafficwizard.rollout.RolloutEvent(clock.instant(),
                    "routing not yet written", next.step(), 0, null, why + "; written again at every tick"));
            return settle(intent.withVersion(version), before.unwritten(noted, why, clock.instant()), write, false);
        }
        RolloutState paused = RolloutMachine.interrupt(before.state(), reason(next, write), clock.instant()).state();
        return settle(intent.withVersion(version), before.with(paused, before.revision(), before.written()), write,
                false);
    }

    /** Stores {@code result} over the intent stored at {@code over}'s resourceVersion. */
    private Committed settle(RolloutRecord over, RolloutRecord result, WriteResult write, boolean retry) {
        try {
            RolloutStore.Stored stored = stored(result, over.resourceVersion());
            return new Committed(result.withVersion(stored.resourceVersion()), write, retry, false);
        } catch (RolloutStore.StaleException e) {
            log.warn("The rollout of {}/{} changed while its routing was written; its stored state stands",
                    result.state().namespace(), result.state().service());
            return new Committed(over, write, false, true);
        }
    }

    private RolloutStore.Stored stored(RolloutRecord record, String resourceVersion) {
        return store.write(record.state().namespace(), record.state().service(), record.data(), resourceVersion);
    }

    /**
     * Writes again the routing of a record marked unwritten, or of an intent older than {@code grace}
     * (its writer stopped), as {@code user}; once it applies, the record is stored written (with a
     * line in the history for a write that had failed). Whether it applied.
     */
    boolean writeAgain(RolloutRecord record, String user) {
        RolloutState state = record.state();
        WriteResult write = route(state, state.current(), user, record.userRouting());
        if (!write.applied()) {
            log.warn("The routing of the rollout of {}/{} is still not written: {}", state.namespace(),
                    state.service(), reason(state, write));
            return false;
        }
        RolloutState next = record.unwritten() == null ? state : state.withEvent(new dev.trafficwizard.rollout
                .RolloutEvent(clock.instant(), "routing written", state.step(), state.weight(), null, null));
        settle(record, record.with(next, newestRevision(state.namespace(), state.service()), clock.instant()),
                write, false);
        return true;
    }

    /** Stores a record over the one read at {@code resourceVersion} (null: a new one); {@link RolloutStore.StaleException} when another writer was first. */
    RolloutStore.Stored store(RolloutRecord record, String resourceVersion) {
        return store.write(record.state().namespace(), record.state().service(), record.data(), resourceVersion);
    }

    /** Writes the routing {@code target} asks for, on top of the service's live routing. */
    WriteResult route(RolloutState state, RouteTarget target, String user, RolloutPlans.UserRouting before) {
        Optional<ServiceDetail> service = catalog.service(state.namespace(), state.service());
        if (service.isEmpty()) {
            return new WriteResult.Rejected(List.of(Diagnostic.error(DiagnosticCode.UNKNOWN_SERVICE, "service",
                    state.namespace(), state.service())));
        }
        var plan = RolloutPlans.plan(service.get().livePlan(), state.namespace(), state.service(), state.spec(),
                target, before);
        try {
            return workflow.applyForRollout(plan, RoutingWorkflow.baseVersion(service.get()),
                    RevisionAction.rollout(detail(state)), user);
        } catch (RuntimeException e) {
            log.error("The rollout of {}/{} could not write its routing", state.namespace(), state.service(), e);
            return new WriteResult.Failed("the routing of " + state.service(), String.valueOf(e.getMessage()),
                    false, 0, List.of(), List.of());
        }
    }

    /**
     * The errors of the plans of every step of {@code spec} on the service's live routing (each built on
     * the one before), their paths prefixed {@code steps[i].}: a rollout that would be refused at a step
     * does not start.
     */
    List<Diagnostic> stepProblems(ServiceDetail service, String namespace, String name,
                                  dev.trafficwizard.rollout.RolloutSpec spec) {
        List<dev.trafficwizard.routing.RoutingPlan> plans = RolloutPlans.stepPlans(service.livePlan(), namespace,
                name, spec);
        List<Diagnostic> out = new java.util.ArrayList<>();
        if (!plans.isEmpty()) {
            out.addAll(workflow.ownedForRollout(plans.get(0)));
        }
        for (int i = 0; i < plans.size(); i++) {
            String prefix = "steps[" + i + "].";
            for (Diagnostic d : workflow.checkForRollout(plans.get(i))) {
                if (d.isError()) {
                    out.add(new Diagnostic(d.code(), d.severity(), d.messageKey(), d.args(),
                            d.path() == null || d.path().isEmpty() ? "steps[" + i + "]" : prefix + d.path()));
                }
            }
        }
        return out;
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
