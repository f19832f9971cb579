package dev.trafficwizard.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a recorded write ended. Stored and answered in JSON in lower case (applied, conflict, failed),
 * as earlier versions wrote it; {@link #key()} is the tail of its message key ({@code history.outcome.*}).
 */
public enum Outcome {
    APPLIED, CONFLICT, FAILED;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the stored text; anything unknown reads as failed, never as applied. */
    @JsonCreator
    public static Outcome parse(String text) {
        for (Outcome outcome : values()) {
            if (outcome.key().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return outcome;
            }
        }
        return FAILED;
    }

    @Override
    public String toString() {
        return key();
    }
}
