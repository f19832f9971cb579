package dev.trafficwizard.cluster;

import java.util.List;

/**
 * A write failed for another reason than a conflict. {@code restored} lists what earlier writes of
 * the same apply were put back; {@code notRestored} what could not be, so the user knows exactly
 * what the cluster holds.
 */
public class ClusterWriteException extends RuntimeException {

    private final int status;
    private final List<String> restored;
    private final List<String> notRestored;

    public ClusterWriteException(String message, int status, List<String> restored, List<String> notRestored,
                                 Throwable cause) {
        super(message, cause);
        this.status = status;
        this.restored = List.copyOf(restored);
        this.notRestored = List.copyOf(notRestored);
    }

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
