package dev.trafficwizard.web;

import dev.trafficwizard.rollout.RolloutEvent;
import dev.trafficwizard.rollout.RolloutState;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a rollout's state into what the page shows: the words the step machine writes for events
 * and reasons ("waiting for a promote", "step 2", "paused by alice") in the reader's language;
 * reasons it words freely (a gate's figures, what changed the routing) stay as written, in English.
 */
@Component
class RolloutViews {

    private static final Map<String, String> REASONS = Map.of(
            "waiting for a promote", "rollout.reason.waiting",
            "promoted fully", "rollout.reason.promotedFully",
            "promoted", "rollout.reason.promoted",
            "last step passed", "rollout.reason.lastStep",
            "reached 100 %", "rollout.reason.reached100",
            "aborted", "rollout.reason.aborted");
    private static final Pattern PAUSED_BY = Pattern.compile("paused by (.+)");
    private static final Pattern STEP = Pattern.compile("step (\\d+)");
    private static final Pattern WORD = Pattern.compile("[a-z ]+");

    private final MessageSource messages;

    RolloutViews(MessageSource messages) {
        this.messages = messages;
    }

    RolloutPanelView of(RolloutState state) {
        List<RolloutPanelView.StepLine> steps = new ArrayList<>();
        for (int i = 0; i < state.spec().steps().size(); i++) {
            boolean succeeded = state.phase() == dev.trafficwizard.rollout.Phase.Succeeded;
            steps.add(new RolloutPanelView.StepLine(i + 1, state.spec().steps().get(i),
                    !state.phase().finished() && i == state.step(), succeeded || i < state.step()));
        }
        List<RolloutPanelView.Line> history = new ArrayList<>();
        for (RolloutEvent e : state.history()) {
            history.add(0, new RolloutPanelView.Line(e.time(), event(e.event()), e.step() + 1, e.weight(), e.by(),
                    reason(e.reason())));
        }
        return new RolloutPanelView(state, reason(state.reason()), steps, history);
    }

    RolloutPanelView.Text event(String event) {
        if (event == null) {
            return new RolloutPanelView.Text("", false);
        }
        Matcher step = STEP.matcher(event);
        if (step.matches()) {
            return translated("rollout.event.step", step.group(1));
        }
        if (WORD.matcher(event).matches()) {
            String text = message("rollout.event." + event.replace(' ', '-'));
            if (text != null) {
                return new RolloutPanelView.Text(text, false);
            }
        }
        return english(event);
    }

    RolloutPanelView.Text reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String key = REASONS.get(reason);
        if (key != null) {
            return translated(key);
        }
        Matcher by = PAUSED_BY.matcher(reason);
        if (by.matches() && !by.group(1).contains(" ") || "paused by a user".equals(reason)) {
            return "paused by a user".equals(reason) ? translated("rollout.reason.pausedByUser")
                    : translated("rollout.reason.pausedBy", by.group(1));
        }
        String read = RolloutReasons.read(reason, m -> message(m.key(), m.args()));
        return read != null ? new RolloutPanelView.Text(read, false) : english(reason);
    }

    private RolloutPanelView.Text translated(String key, Object... args) {
        String text = message(key, args);
        return text == null ? english(key) : new RolloutPanelView.Text(text, false);
    }

    private static RolloutPanelView.Text english(String text) {
        return new RolloutPanelView.Text(text, true);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, null, LocaleContextHolder.getLocale());
    }
}
