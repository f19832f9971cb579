package dev.trafficwizard.rollout;

import java.time.Instant;

/**
 * One line of a rollout's history: when, what happened (started, step, paused, resumed, promoted,
 * aborted, succeeded, gate failed, held), at which step and canary weight, by whom (null: the
 * rollout itself), and why.
 */
public record RolloutEvent(Instant time, String event, int step, int weight, String by, String reason) {
}
