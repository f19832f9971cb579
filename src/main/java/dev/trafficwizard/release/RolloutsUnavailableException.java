package dev.trafficwizard.release;

/** The rollouts' state could not be read from the cluster (no connection, refused by RBAC); the message says why. */
public class RolloutsUnavailableException extends RuntimeException {

    public RolloutsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
