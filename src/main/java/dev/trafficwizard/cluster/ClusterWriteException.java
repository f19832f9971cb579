package dev.trafficwizard.cluster;

import java.util.List;

/**
 * A write failed for another reason than a conflict. {@code restored} lists what earlier writes of
 * the same apply were put back; {@code notRestored} what could not be, so the user knows exactly
 * what the cluster holds.
 */
public class ClusterWriteException extends RuntimeException {

    private final String object;
    private final String reason;
    private final boolean deleting;
    private final int status;
    private final List<String> restored;
    private final List<String> notRestored;

    public ClusterWriteException(String object, String reason, boolean deleting, int status, List<String> restored,
                                 List<String> notRestored, Throwable cause) {
        super((deleting ? "Deleting " : "Writing ") + object + " failed: " + reason, cause);
        this.object = object;
        this.reason = reason;
        this.deleting = deleting;
        this.status = status;
        this.restored = List.copyOf(restored);
        this.notRestored = List.copyOf(notRestored);
    }

    /** Kind, namespace and name of the object whose write failed. */
    public String object() {
        return object;
    }

    public String reason() {
        return reason;
    }

    public boolean deleting() {
        return deleting;
    }

    /** The HTTP status the API server answered with; 0 when there was no answer (timeout, no connection). */
    public int status() {
        return status;
    }

    public List<String> restored() {
        return restored;
    }

    public List<String> notRestored() {
        return notRestored;
    }
}
