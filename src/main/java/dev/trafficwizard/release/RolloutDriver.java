package dev.trafficwizard.release;

import dev.trafficwizard.cluster.RolloutLeader;
import dev.trafficwizard.metrics.MetricsUnavailableException;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.rollout.Gates;
import dev.trafficwizard.rollout.Phase;
import dev.trafficwizard.rollout.RolloutMachine;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Transition;
import dev.trafficwizard.rollout.Verdict;
import dev.trafficwizard.rollout.VersionFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import dev.trafficwizard.security.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Moves the rollouts along by themselves, on the replica that holds the Lease only
 * ({@link RolloutLeader}): every {@code traffic-wizard.rollouts.tick} (default 5s) it reads the
 * running rollouts from the cluster, pauses those whose routing someone else changed
 * ({@link ManualChanges}), asks the metrics for the canary's figures when the gates are due, and
 * takes the step machine's transition, writing what it asks ({@link RolloutWrites}).
 */
@Component
public class RolloutDriver {

    private static final Logger log = LoggerFactory.getLogger(RolloutDriver.class);

    private final RolloutWrites writes;
    private final ManualChanges changes;
    private final ObjectProvider<TrafficMetrics> metrics;
    private final RolloutLeader leader;
    private final Locks locks;
    private final ForeignOwners foreign;

    RolloutDriver(RolloutWrites writes, ManualChanges changes, ObjectProvider<TrafficMetrics> metrics,
                  RolloutLeader leader, Locks locks, ForeignOwners foreign) {
        this.foreign = foreign;
        this.writes = writes;
        this.changes = changes;
        this.metrics = metrics;
        this.leader = leader;
        this.locks = locks;
    }

    /** A new driver over the same cluster with another leader (tests of the hand-over between replicas). */
    public RolloutDriver withLeader(RolloutLeader other) {
        return new RolloutDriver(writes, changes, metrics, other, new Locks(), foreign);
    }

    @Scheduled(fixedDelayString = "${traffic-wizard.rollouts.tick:5s}",
            initialDelayString = "${traffic-wizard.rollouts.tick:5s}")
    void scheduled() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Driving the rollouts failed; trying again at the next tick: {}", e.toString());
        }
    }

    /**
     * One pass over the running rollouts, when this replica leads; how many it changed. Leadership is
     * asked again before each rollout and before each write ({@link RolloutLeader#isLeader()}), and the
     * pass holds {@link RolloutLeader#working()} so a replica that stops releases its lease only after it.
     */
    public int tick() {
        Optional<RolloutLeader.Work> work = leader.working();
        if (work.isEmpty()) {
            return 0;
        }
        try (RolloutLeader.Work ignored = work.get()) {
            int changed = 0;
            // which rollouts to look at, from the cache (no cluster-wide list per tick); each is read again below
            for (RolloutRecord record : writes.loadAllShown()) {
                if (record.state().phase().finished() && record.unwritten() == null || !leader.isLeader()) {
                    continue;
                }
                try {
                    synchronized (locks.of(record.state().namespace(), record.state().service())) {
                        // read again under the lock: a user's action on this replica may have come first
                        Optional<RolloutRecord> fresh = writes.load(record.state().namespace(),
                                record.state().service());
                        if (fresh.isPresent() && leader.isLeader()) {
                            changed += step(fresh.get()) ? 1 : 0;
                        }
                    }
                } catch (RuntimeException e) {
                    log.warn("The rollout of {}/{} could not be driven: {}", record.state().namespace(),
                            record.state().service(), e.toString());
                }
            }
            return changed;
        }
    }

    /** A rollout whose routing is not written yet: written again; else, when running, driven. */
    private boolean step(RolloutRecord record) {
        Instant now = writes.clock().instant();
        if (record.writing(now, RolloutWrites.WRITE_GRACE)) {
            return false; // another replica stored this state and is writing its routing
        }
        if (record.unwritten() != null || record.pending() != null) {
            // a failed write (an abort whose routing did not apply) or a writer that stopped mid-way
            return asStarter(record, () -> writes.writeAgain(record, automatic(record.state())));
        }
        return !record.state().phase().finished() && drive(record);
    }

    private boolean drive(RolloutRecord record) {
        RolloutState state = record.state();
        Instant now = writes.clock().instant();
        if (state.phase() == Phase.Progressing || state.paused() == RolloutState.PauseKind.PROMOTE) {
            Optional<String> changed = changes.of(record, now).or(() -> foreignController(state));
            if (changed.isPresent()) {
                Transition t = RolloutMachine.interrupt(state, changed.get(), now);
                return leader.isLeader() && writes.commit(record, t, null, false).record() != record;
            }
        }
        Verdict verdict = RolloutMachine.judgementDue(state, now) ? judge(state) : null;
        Transition t = RolloutMachine.tick(state, now, verdict);
        if (t.write() == null && t.state().equals(state) || !leader.isLeader()) {
            return false;
        }
        RolloutWrites.Committed done = asStarter(record, () -> writes.commit(record, t, automatic(state), false));
        return !done.stale();
    }

    /** Another controller that now manages the service (cached reads: cheap each tick), as the reason to pause. */
    private Optional<String> foreignController(RolloutState state) {
        return foreign.managing(state.namespace(), state.service()).stream().findFirst()
                .map(f -> "another controller now manages the service's routing: " + f.tool() + " " + f.kind() + " "
                        + f.namespace() + "/" + f.name());
    }

    /**
     * Runs the rollout's own writes for the user who started it, with the roles they held then: with
     * impersonation on, the cluster's RBAC judges that user's rights, as for their own writes (with it
     * off, as always, the dashboard's account writes). The history names "rollout (started by …)".
     */
    static <T> T asStarter(RolloutRecord record, java.util.function.Supplier<T> action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext starter = SecurityContextHolder.createEmptyContext();
        if (record.state().startedBy() != null) {
            starter.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(record.state().startedBy(),
                    null, record.starterRoles().stream().filter(r -> java.util.Arrays.stream(Role.values())
                            .anyMatch(known -> known.name().equals(r)))
                            .map(r -> new SimpleGrantedAuthority(Role.valueOf(r).authority())).toList()));
        }
        SecurityContextHolder.setContext(starter);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** Who the history names for the rollout's own steps. */
    static String automatic(RolloutState state) {
        return "rollout (started by " + (state.startedBy() == null ? "unknown" : state.startedBy()) + ")";
    }

    /** The gates' verdict on the canary over their interval; a metrics source that cannot answer holds. */
    private Verdict judge(RolloutState state) {
        TrafficMetrics source = metrics.getIfAvailable();
        if (source == null || !source.available()) {
            return Verdict.hold("no metrics source");
        }
        Gates gates = state.spec().gatesOrNone();
        try {
            Map<String, VersionFigures> figures = source.figures(state.namespace(), state.service(),
                    RolloutMachine.interval(gates));
            return gates.judge(figures.get(state.spec().canary()), figures.get(state.spec().stable()),
                    state.weight());
        } catch (MetricsUnavailableException e) {
            return Verdict.hold("metrics unavailable: " + e.getMessage());
        }
    }
}
