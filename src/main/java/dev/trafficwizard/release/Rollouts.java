package dev.trafficwizard.release;

import dev.trafficwizard.rollout.ForeignController;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RolloutState;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Staged rollouts of services: start, promote, abort, pause, resume, and the rollout of a service
 * as it stands. Each action is taken by the logged-in user; each routing change is a normal apply.
 */
@Component
public class Rollouts {

    /** Starts a rollout (validated; refused while another controller or a running rollout manages the service). */
    public RolloutOutcome start(String namespace, String service, RolloutSpec spec) {
        throw new UnsupportedOperationException("h17-run");
    }

    /** The next step ({@code full}: everything to the canary now). */
    public RolloutOutcome promote(String namespace, String service, boolean full) {
        throw new UnsupportedOperationException("h17-run");
    }

    public RolloutOutcome abort(String namespace, String service) {
        throw new UnsupportedOperationException("h17-run");
    }

    public RolloutOutcome pause(String namespace, String service) {
        throw new UnsupportedOperationException("h17-run");
    }

    public RolloutOutcome resume(String namespace, String service) {
        throw new UnsupportedOperationException("h17-run");
    }

    /** The service's latest rollout (running or finished), if any. */
    public Optional<RolloutState> current(String namespace, String service) {
        throw new UnsupportedOperationException("h17-run");
    }

    /** Other controllers managing the service's routing: while any does, no rollout starts. */
    public List<ForeignController> foreign(String namespace, String service) {
        throw new UnsupportedOperationException("h17-fc");
    }
}
