package dev.trafficwizard.workflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Prometheus metrics of writes: applies by outcome, conflicts, failures, rollbacks, and the time
 * an apply takes (traffic_wizard_applies_total, traffic_wizard_apply_seconds, …).
 */
@Component
public class RoutingMetrics {

    private final MeterRegistry registry;
    private final Timer applyTimer;
    private final Counter conflicts;
    private final Counter failures;
    private final Counter rollbacks;

    RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.applyTimer = Timer.builder("traffic_wizard_apply").description("Time to write one routing change")
                .register(registry);
        this.conflicts = Counter.builder("traffic_wizard_conflicts").description("Writes refused: changed since read")
                .register(registry);
        this.failures = Counter.builder("traffic_wizard_failures").description("Writes the API server failed")
                .register(registry);
        this.rollbacks = Counter.builder("traffic_wizard_rollbacks").description("Rollbacks to a revision")
                .register(registry);
    }

    <T> T timed(Supplier<T> write) {
        return applyTimer.record(write);
    }

    void outcome(RevisionAction action, Outcome outcome) {
        Counter.builder("traffic_wizard_applies").description("Routing writes by action and outcome")
                .tag("action", action.rollback() ? "rollback"
                        : action.kind() == RevisionAction.Kind.ROLLOUT ? "rollout" : action.text()).tag("outcome", outcome.key())
                .register(registry).increment();
        switch (outcome) {
            case CONFLICT -> conflicts.increment();
            case FAILED -> failures.increment();
            case APPLIED -> {
                if (action.rollback()) {
                    rollbacks.increment();
                }
            }
        }
    }
}
