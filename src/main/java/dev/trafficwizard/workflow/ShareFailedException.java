package dev.trafficwizard.workflow;

/** The cluster did not store a shared proposal (its message says which ConfigMap and why). */
public class ShareFailedException extends RuntimeException {

    ShareFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
