package dev.trafficwizard.web;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How templates show a moment ({@code @times}): a {@code <time>} element whose text is readable UTC
 * ("2026-12-02 10:30 UTC", also its tooltip), which frontend/js/times.js rewrites in the reader's
 * language and time zone. Without script the UTC text stays.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Readable UTC, e.g. {@code 2026-12-02 10:30 UTC}; empty for null. */
    public String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

    /** The {@code <time>} element for a message argument rendered with th:utext (digits only: no escaping needed). */
    public String html(Instant instant) {
        if (instant == null) {
            return "";
        }
        String utc = utc(instant);
        return "<time datetime=\"" + instant + "\" title=\"" + utc + "\" data-tw-time>" + utc + "</time>";
    }
}
