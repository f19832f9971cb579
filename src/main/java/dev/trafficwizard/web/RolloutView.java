package dev.trafficwizard.web;

import dev.trafficwizard.rollout.Gates;
import dev.trafficwizard.rollout.RolloutEvent;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Step;

import java.util.List;

/**
 * #17: a rollout as the API answers it. {@code step} is the number of the current step counted from
 * 1 (as in the history's "rollout step 2 (weight 25 %)"), {@code weight} the canary's share of the
 * catch-all split now, {@code reason} why it is paused or ended (null while progressing),
 * {@code paused} how (PROMOTE: waiting for a promote, USER, INTERRUPTED: by a change it did not
 * make; null when not), {@code history} oldest first, each with its step counted from 1.
 */
record RolloutView(String namespace, String service, String phase, int step, int weight, String reason,
                   String paused, String stable, String canary, List<Step> steps, Gates gates, String startedBy,
                   int failures, List<Event> history) {

    record Event(String time, String event, int step, int weight, String by, String reason) {
    }

    static RolloutView of(RolloutState s) {
        return new RolloutView(s.namespace(), s.service(), s.phase().name(), s.step() + 1, s.weight(), s.reason(),
                s.paused() == null ? null : s.paused().name(), s.spec().stable(), s.spec().canary(), s.spec().steps(),
                s.spec().gates(), s.startedBy(), s.failures(), s.history().stream().map(RolloutView::event).toList());
    }

    private static Event event(RolloutEvent e) {
        return new Event(e.time() == null ? null : e.time().toString(), e.event(), e.step() + 1, e.weight(), e.by(),
                e.reason());
    }
}
