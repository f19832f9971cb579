package dev.trafficwizard.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a recorded write did: apply, delete, take over, or roll back to a revision (which names its
 * number). Stored and answered in JSON as the text earlier versions wrote ("apply", "delete",
 * "take over", "rollback to #3"), so their history entries still read.
 */
public record RevisionAction(Kind kind, int revision) {

    /** The kinds of recorded writes; {@link #key()} is the tail of their message key ({@code history.action.*}). */
    public enum Kind {
        APPLY("apply"), DELETE("delete"), ROLLBACK("rollback"), TAKE_OVER("takeOver");

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

    public RevisionAction {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        revision = kind == Kind.ROLLBACK ? revision : 0;
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
        };
    }

    /** Reads the stored text; anything unknown reads as an apply, so an old entry is never lost. */
    @JsonCreator
    public static RevisionAction parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
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

    @Override
    public String toString() {
        return text();
    }
}
