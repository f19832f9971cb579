package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.cluster.ClusterWriteException;
import dev.trafficwizard.cluster.RolloutStore;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.rollout.ForeignController;
import dev.trafficwizard.rollout.RolloutMachine;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Transition;
import dev.trafficwizard.security.Actor;
import dev.trafficwizard.workflow.WriteResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Staged rollouts of services: start, promote, abort, pause, resume, and the rollout of a service
 * as it stands. Each action is taken by the logged-in user (an operator of the namespace); each
 * routing change is a normal apply ({@link RolloutWrites}). The steps that follow by themselves
 * are taken by {@link RolloutDriver} on the replica that leads. Refusals are diagnostics:
 * {@code UNKNOWN_SERVICE} (no such service), {@code ROLLOUT_*} (see {@link #refusal}).
 */
@Component
public class Rollouts {

    private final Catalog catalog;
    private final RolloutWrites writes;
    private final ForeignOwners foreign;
    private final ObjectProvider<TrafficMetrics> metrics;
    private final Locks locks;

    Rollouts(Catalog catalog, RolloutWrites writes, ForeignOwners foreign, ObjectProvider<TrafficMetrics> metrics,
             Locks locks) {
        this.catalog = catalog;
        this.writes = writes;
        this.foreign = foreign;
        this.metrics = metrics;
        this.locks = locks;
    }

    /** Starts a rollout (validated; refused while another controller or a running rollout manages the service). */
    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public RolloutOutcome start(String namespace, String service, RolloutSpec spec) {
        return guarded(namespace, service, () -> started(namespace, service, spec));
    }

    private RolloutOutcome started(String namespace, String service, RolloutSpec spec) {
        Optional<ServiceDetail> detail = catalog.service(namespace, service);
        if (detail.isEmpty()) {
            return refused(null, Diagnostic.error(DiagnosticCode.UNKNOWN_SERVICE, "service", namespace, service));
        }
        List<String> versions = detail.get().summary().versions().stream().map(VersionSummary::version).toList();
        TrafficMetrics source = metrics.getIfAvailable();
        List<Diagnostic> problems = problems(spec, versions, source != null && source.available());
        if (!problems.isEmpty()) {
            return new RolloutOutcome(null, problems, null);
        }
        List<Diagnostic> stepProblems = writes.stepProblems(detail.get(), namespace, service, spec);
        if (!stepProblems.isEmpty()) {
            return new RolloutOutcome(null, stepProblems, null);
        }
        List<dev.trafficwizard.cluster.ForeignReleases.Failure> unknown = foreign.unknown(namespace);
        if (!unknown.isEmpty()) {
            // a 403 or a timeout is not "none": a controller may be there unseen
            return refused(null, Diagnostic.error(DiagnosticCode.ROLLOUT_FOREIGN_UNKNOWN, "service",
                    unknown.get(0).what(), unknown.get(0).reason()));
        }
        List<ForeignController> others = foreign.managing(namespace, service);
        if (!others.isEmpty()) {
            ForeignController f = others.get(0);
            return refused(null, Diagnostic.error(DiagnosticCode.ROLLOUT_FOREIGN_CONTROLLER, "service", f.tool(),
                    f.kind(), f.namespace() + "/" + f.name()));
        }
        synchronized (locks.of(namespace, service)) {
            Optional<RolloutStore.Stored> raw = writes.stored(namespace, service);
            Optional<RolloutRecord> existing = writes.load(namespace, service);
            if (existing.isPresent() && !existing.get().state().phase().finished()) {
                return refused(existing.get().state(), Diagnostic.error(DiagnosticCode.ROLLOUT_RUNNING, "service",
                        existing.get().state().phase().name()));
            }
            // an unreadable rollout ConfigMap (no state, broken JSON) is replaced, never blocks starts forever
            String over = existing.map(RolloutRecord::resourceVersion)
                    .orElse(raw.map(RolloutStore.Stored::resourceVersion).orElse(null));
            String user = Actor.current();
            java.time.Instant now = writes.clock().instant();
            Transition t = RolloutMachine.start(namespace, service, spec, user, now);
            // the record is claimed first (its routing pending), so no other replica starts one or judges the
            // routing written next as a manual change; then the routing is written
            RolloutRecord claim = new RolloutRecord(t.state(), writes.newestRevision(namespace, service), null,
                    existing.map(RolloutRecord::state).orElse(null),
                    Actor.roles().stream().map(dev.trafficwizard.security.Role::name).toList(), null, now, null,
                    dev.trafficwizard.rollout.RolloutPlans.userRouting(detail.get().livePlan(), spec));
            String claimed;
            try {
                claimed = writes.store(claim, over).resourceVersion();
            } catch (RolloutStore.StaleException e) {
                // another replica started one at the same moment and stored it first: nothing written here
                return refused(null, Diagnostic.error(DiagnosticCode.ROLLOUT_CHANGED, "service"));
            }
            WriteResult write = writes.route(t.state(), t.write(), user, claim.userRouting());
            if (!write.applied()) {
                // the rollout never ran: kept as aborted with why (the routing is as it was)
                RolloutState never = RolloutMachine.abort(t.state(), user, writes.reason(t.state(), write),
                        writes.clock().instant()).state();
                settle(claim.with(never, claim.revision(), null), claimed);
                return new RolloutOutcome(never, List.of(), write);
            }
            settle(claim.with(t.state(), writes.newestRevision(namespace, service), writes.clock().instant()), claimed);
            return new RolloutOutcome(t.state(), List.of(), write);
        }
    }

    /** Stores the outcome of a start over its claim (a replica that changed it meanwhile wins: logged). */
    private void settle(RolloutRecord record, String claimed) {
        try {
            writes.store(record, claimed);
        } catch (RolloutStore.StaleException e) {
            org.slf4j.LoggerFactory.getLogger(Rollouts.class).warn("The rollout of {}/{} changed while it started",
                    record.state().namespace(), record.state().service());
        }
    }

    /** The next step ({@code full}: everything to the canary now). */
    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public RolloutOutcome promote(String namespace, String service, boolean full) {
        String user = Actor.current();
        return guarded(namespace, service, () -> act(namespace, service,
                s -> RolloutMachine.promote(s, user, full, writes.clock().instant()), user));
    }

    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public RolloutOutcome abort(String namespace, String service) {
        String user = Actor.current();
        return guarded(namespace, service, () -> act(namespace, service, s -> RolloutMachine.abort(s, user,
                "aborted by " + (user == null ? "a user" : user), writes.clock().instant()), user));
    }

    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public RolloutOutcome pause(String namespace, String service) {
        String user = Actor.current();
        return guarded(namespace, service, () -> act(namespace, service,
                s -> RolloutMachine.pause(s, user, writes.clock().instant()), user));
    }

    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public RolloutOutcome resume(String namespace, String service) {
        String user = Actor.current();
        return guarded(namespace, service, () -> act(namespace, service,
                s -> RolloutMachine.resume(s, user, writes.clock().instant()), user));
    }

    /** The service's latest rollout (running or finished), if any. */
    public Optional<RolloutState> current(String namespace, String service) {
        return read(() -> writes.loadShown(namespace, service).map(RolloutRecord::state));
    }

    /** The latest rollout of every service that had one (from the cache: for the services list). */
    public List<RolloutState> all() {
        return read(() -> writes.loadAllShown().stream().map(RolloutRecord::state).toList());
    }

    /** The finished rollout the current one replaced (its history), if any. */
    public Optional<RolloutState> previous(String namespace, String service) {
        return read(() -> writes.loadShown(namespace, service).map(RolloutRecord::previous));
    }

    /** Other controllers managing the service's routing: while any does, no rollout starts. */
    public List<ForeignController> foreign(String namespace, String service) {
        return foreign.managing(namespace, service);
    }

    /**
     * An action of the logged-in user on the running rollout: read, transition, write, store; a
     * concurrent change (of the routing or of the stored rollout) reads again and tries once more.
     */
    private RolloutOutcome act(String namespace, String service, Function<RolloutState, Transition> action,
                               String user) {
        if (catalog.service(namespace, service).isEmpty()) {
            return refused(null, Diagnostic.error(DiagnosticCode.UNKNOWN_SERVICE, "service", namespace, service));
        }
        synchronized (locks.of(namespace, service)) {
            for (int attempt = 1; ; attempt++) {
                Optional<RolloutRecord> found = writes.load(namespace, service);
                if (found.isEmpty()) {
                    return refused(null, Diagnostic.error(DiagnosticCode.ROLLOUT_NONE, "service", service));
                }
                Transition t = action.apply(found.get().state());
                if (!t.changed()) {
                    return refused(t.state(), refusal(t));
                }
                RolloutWrites.Committed done = writes.commit(found.get(), t, user, attempt == 1);
                if (done.retry() && attempt == 1) {
                    continue;
                }
                if (done.stale()) {
                    return refused(found.get().state(), Diagnostic.error(DiagnosticCode.ROLLOUT_CHANGED, "service"));
                }
                return new RolloutOutcome(done.record().state(), List.of(), done.write());
            }
        }
    }

    /** A read of the stored rollouts; the cluster's refusal becomes {@link RolloutsUnavailableException}. */
    private static <T> T read(java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (RolloutStore.UnavailableException e) {
            throw new RolloutsUnavailableException(e.getMessage(), e);
        }
    }

    /** An action whose reads or writes of the stored rollout the cluster refused answers that, as a failed write (502). */
    private static RolloutOutcome guarded(String namespace, String service,
                                          java.util.function.Supplier<RolloutOutcome> action) {
        try {
            return action.get();
        } catch (RolloutStore.UnavailableException e) {
            return new RolloutOutcome(null, List.of(), new WriteResult.Failed("the rollout of " + namespace + "/"
                    + service, e.getMessage(), false, 0, List.of(), List.of()));
        } catch (ClusterWriteException e) {
            return new RolloutOutcome(null, List.of(), new WriteResult.Failed(e.object(), e.reason(), false,
                    e.status(), e.restored(), e.notRestored()));
        }
    }

    /** Why the machine refused: {@code ROLLOUT_FINISHED}, {@code ROLLOUT_NOT_PAUSED}, {@code ROLLOUT_ALREADY_PAUSED}. */
    private static Diagnostic refusal(Transition t) {
        return switch (t.refused()) {
            case FINISHED -> Diagnostic.error(DiagnosticCode.ROLLOUT_FINISHED, "service", t.state().phase().name());
            case NOT_PAUSED -> Diagnostic.error(DiagnosticCode.ROLLOUT_NOT_PAUSED, "service");
            case ALREADY_PAUSED -> Diagnostic.error(DiagnosticCode.ROLLOUT_ALREADY_PAUSED, "service");
        };
    }

    private static RolloutOutcome refused(RolloutState state, Diagnostic why) {
        return new RolloutOutcome(state, List.of(why), null);
    }

    /** What refuses a spec, each error at its field ({@code steps[1].weight}); warnings do not refuse. */
    private static List<Diagnostic> problems(RolloutSpec spec, List<String> versions, boolean metricsAvailable) {
        return dev.trafficwizard.rollout.RolloutSpecCheck.check(spec, versions, metricsAvailable).stream()
                .filter(Diagnostic::isError).toList();
    }
}
