package dev.trafficwizard.gitops;

/**
 * A proposal or a read of the repository did not happen: {@link Reason} says why, the message
 * says it to the user (never with credentials). Nothing was pushed.
 */
public class GitOpsException extends RuntimeException {

    public enum Reason { NOT_CONFIGURED, REFUSED, UNAVAILABLE }

    private final Reason reason;

    public GitOpsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public GitOpsException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
