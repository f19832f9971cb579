package dev.trafficwizard.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a recorded write did: apply, delete, take over, roll back to a revision (which names its
 * number), or a step of a staged rollout (which names the step: {@code detail}, e.g. "step 2
 * (weight 25 %)", "aborted", "promoted"). Stored and answered in JSON as the text earlier versions
 * wrote ("apply", "delete", "take over", "rollback to #3"; #17: "rollout step 2 (weight 25 %)"),
 * so their history entries still read.
 */
public record RevisionAction(Kind kind, int revision, String detail) {

    /** The kinds of recorded writes; {@link #key()} is the tail of their message key ({@code history.action.*}). */
    public enum Kind {
        APPLY("apply"), DELETE("delete"), ROLLBACK("rollback"), TAKE_OVER("takeOver"), ROLLOUT("rollout");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public static final RevisionAction APPLY = new RevisionAction(Kind.APPLY, 0);
    public static final RevisionAction DELETE = new RevisionAction(Kind.DELETE, 0);
    public static final RevisionAction TAKE_OVER = new RevisionAction(Kind.TAKE_OVER, 0);

    private static final String ROLLBACK_PREFIX = "rollback to #";
    private static final String ROLLOUT_PREFIX = "rollout ";

    public RevisionAction {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        revision = kind == Kind.ROLLBACK ? revision : 0;
        detail = kind == Kind.ROLLOUT ? (detail == null || detail.isBlank() ? "step" : detail.strip()) : null;
    }

    public RevisionAction(Kind kind, int revision) {
        this(kind, revision, null);
    }

    /** A write of a staged rollout: {@code detail} names the step ("step 2 (weight 25 %)", "aborted", "promoted"). */
    public static RevisionAction rollout(String detail) {
        return new RevisionAction(Kind.ROLLOUT, 0, detail);
    }

    public static RevisionAction rollbackTo(int revision) {
        return new RevisionAction(Kind.ROLLBACK, revision);
    }

    public boolean rollback() {
        return kind == Kind.ROLLBACK;
    }

    /** The stored text: apply, delete, take over, rollback to #n. */
    @JsonValue
    public String text() {
        return switch (kind) {
            case APPLY -> "apply";
            case DELETE -> "delete";
            case TAKE_OVER -> "take over";
            case ROLLBACK -> ROLLBACK_PREFIX + revision;
            case ROLLOUT -> ROLLOUT_PREFIX + detail;
        };
    }

    /** Reads the stored text; anything unknown reads as an apply, so an old entry is never lost. */
    @JsonCreator
    public static RevisionAction parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith(ROLLOUT_PREFIX)) {
            return rollout(text.strip().substring(ROLLOUT_PREFIX.length()));
        }
        if (t.startsWith("rollback")) {
            String digits = t.replaceAll("[^0-9]", "");
            return rollbackTo(digits.isEmpty() || digits.length() > 9 ? 0 : Integer.parseInt(digits));
        }
        return switch (t) {
            case "delete" -> DELETE;
            case "take over", "takeover", "take_over" -> TAKE_OVER;
            default -> APPLY;
        };
    }

    private static final java.util.regex.Pattern ROLLOUT_STEP =
            java.util.regex.Pattern.compile("step (\\d{1,4}) \\((weight|header|mirror) (.{1,300}?)( %)?\\)");

    /**
     * The tail of the message key that shows this action ({@code history.action.*}): the kind's, or
     * for a rollout's step, abort or promotion its own ({@code rollout.weight}, {@code rollout.header},
     * {@code rollout.mirror}, {@code rollout.aborted}, {@code rollout.promoted}; {@code rollout} for a
     * text it does not know), so each language words it. Arguments: {@link #revision}, {@link #detail},
     * {@link #step()}, {@link #value()}.
     */
    public String messageKey() {
        if (kind != Kind.ROLLOUT) {
            return kind.key();
        }
        if (detail.equals("aborted") || detail.equals("promoted")) {
            return "rollout." + detail;
        }
        var m = ROLLOUT_STEP.matcher(detail);
        return m.matches() ? "rollout." + m.group(2) : "rollout";
    }

    /** A rollout step's number as text ("2"), else "". */
    public String step() {
        var m = kind == Kind.ROLLOUT ? ROLLOUT_STEP.matcher(detail) : null;
        return m != null && m.matches() ? m.group(1) : "";
    }

    /** A rollout step's weight or mirror percentage, or its header ("x-canary: yes"), as text; else "". */
    public String value() {
        var m = kind == Kind.ROLLOUT ? ROLLOUT_STEP.matcher(detail) : null;
        return m != null && m.matches() ? m.group(3) : "";
    }

    @Override
    public String toString() {
        return text();
    }
}
