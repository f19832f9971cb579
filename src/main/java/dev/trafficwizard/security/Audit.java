package dev.trafficwizard.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail: one JSON object per event on one line, in the {@code audit} logger. Written by
 * Jackson with every control and non-ASCII character escaped, so no value (user names, addresses,
 * messages) can break a line or forge another. Callers pass fixed reasons, never request input
 * such as a presented token. Refusals of anonymous requests are rate-limited
 * ({@link AnonymousRefusals}); everything else is written.
 */
public final class Audit {

    static final String LOGGER = "audit";
    /** Longest value written; the rest is cut, so one event stays one readable line. */
    static final int MAX_VALUE = 512;
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    static final AnonymousRefusals ANONYMOUS = new AnonymousRefusals(20, 60_000);

    private Audit() {
    }

    /** A routing write that reached the workflow: applied, conflict or failed. */
    public static void writeAttempt(String user, String action, String namespace, String service, String outcome,
                                    List<String> objects, String message) {
        write(event("routing.write", user, action, namespace, service, outcome, objects, message, client()));
    }

    /**
     * A request refused before it reached the workflow (403, CSRF). {@code reason} must be a fixed
     * text: never an exception message that may echo the request. Anonymous refusals are rate-limited.
     */
    static void refused(String user, String action, String reason, String client) {
        if (user == null) {
            long suppressed = ANONYMOUS.admit();
            if (suppressed < 0) {
                return;
            }
            if (suppressed > 0) {
                write(suppressed(suppressed));
            }
        }
        write(event("request.refused", user, action, "-", "-", "forbidden", List.of(), reason, client));
    }

    /** Writes the summary of refusals left out, if any, now rather than at the next refusal. */
    static void flushSuppressed() {
        long suppressed = ANONYMOUS.drain();
        if (suppressed > 0) {
            write(suppressed(suppressed));
        }
    }

    private static Map<String, Object> suppressed(long count) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("time", now());
        summary.put("event", "request.refused.suppressed");
        summary.put("count", count);
        summary.put("message", "suppressed " + count + " anonymous refusals");
        return summary;
    }

    private static Map<String, Object> event(String event, String user, String action, String namespace,
                                             String service, String outcome, List<String> objects, String message,
                                             String client) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", now());
        line.put("event", event);
        line.put("user", user == null ? "-" : cut(user));
        line.put("action", cut(action));
        line.put("namespace", cut(namespace));
        line.put("service", cut(service));
        line.put("outcome", cut(outcome));
        line.put("objects", objects == null ? List.of() : objects.stream().limit(50).map(Audit::cut).toList());
        line.put("message", message == null ? "" : cut(message));
        line.put("client", client == null ? "-" : cut(client));
        return line;
    }

    private static void write(Map<String, Object> line) {
        log.info(JSON.writeValueAsString(line));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String cut(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "..." : value;
    }

    /** The remote address of the request being handled on this thread, if any. */
    private static String client() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
