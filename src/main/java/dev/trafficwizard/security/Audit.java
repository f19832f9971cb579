package dev.trafficwizard.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The audit trail of write attempts: one structured log line each (who, what, which service and
 * objects, outcome), in the {@code audit} logger, key=value pairs a log pipeline can index.
 */
public final class Audit {

    private static final Logger log = LoggerFactory.getLogger("audit");

    private Audit() {
    }

    public static void writeAttempt(String user, String action, String namespace, String service, String outcome,
                                    List<String> objects, String message) {
        log.atInfo()
                .addKeyValue("user", user == null ? "-" : user)
                .addKeyValue("action", action)
                .addKeyValue("namespace", namespace)
                .addKeyValue("service", service)
                .addKeyValue("outcome", outcome)
                .addKeyValue("objects", String.join(",", objects))
                .addKeyValue("message", message == null ? "" : message)
                .log("routing write attempt");
    }
}
