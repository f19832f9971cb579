package dev.trafficwizard.security;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Writes the "suppressed K anonymous refusals" line each minute, not only at the next refusal. */
@Component
class AuditSummaries {

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void flush() {
        Audit.flushSuppressed();
    }
}
