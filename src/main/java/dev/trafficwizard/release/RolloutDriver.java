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

    RolloutDriver(RolloutWrites writes, ManualChanges changes, ObjectProvider<TrafficMetrics> metrics,
                  RolloutLeader leader, Locks locks) {
        this.writes = writes;
        this.changes = changes;
        this.metrics = metrics;
        this.leader = leader;
        this.locks = locks;
    }

    /** A new driver over the same cluster with another leader (tests of the hand-over between replicas). */
    public RolloutDriver withLeader(RolloutLeader other) {
        return new RolloutDriver(writes, changes, metrics, other, new Locks());
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

    /** One pass over the running rollouts, when this replica leads; how many it changed. */
    public int tick() {
        if (!leader.isLeader()) {
            return 0;
        }
        int changed = 0;
        for (RolloutRecord record : writes.loadAll()) {
            if (record.state().phase().finished()) {
                continue;
            }
            try {
                synchronized (locks.of(record.state().namespace(), record.state().service())) {
                    // read again under the lock: a user's action on this replica may have come first
                    Optional<RolloutRecord> fresh = writes.load(record.state().namespace(), record.state().service());
                    if (fresh.isPresent() && !fresh.get().state().phase().finished()) {
                        changed += drive(fresh.get()) ? 1 : 0;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("The rollout of {}/{} could not be driven: {}", record.state().namespace(),
                        record.state().service(), e.toString());
            }
        }
        return changed;
    }

    private boolean drive(RolloutRecord record) {
        RolloutState state = record.state();
        Instant now = writes.clock().instant();
        if (state.phase() == Phase.Progressing || state.paused() == RolloutState.PauseKind.PROMOTE) {
            Optional<String> changed = changes.of(record, now);
            if (changed.isPresent()) {
                Transition t = RolloutMachine.interrupt(state, changed.get(), now);
                return writes.commit(record, t, null, false).record() != record;
            }
        }
        Verdict verdict = RolloutMachine.judgementDue(state, now) ? judge(state) : null;
        Transition t = RolloutMachine.tick(state, now, verdict);
        if (t.write() == null && t.state().equals(state)) {
            return false;
        }
        RolloutWrites.Committed done = asStarter(record, () -> writes.commit(record, t, automatic(state), false));
        return !done.stale();
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
            return gates.judge(figures.get(state.spec().canary()));
        } catch (MetricsUnavailableException e) {
            return Verdict.hold("metrics unavailable: " + e.getMessage());
        }
    }
}
