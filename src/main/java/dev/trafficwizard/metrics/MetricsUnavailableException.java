package dev.trafficwizard.metrics;

/** The metrics source could not answer (unreachable, an error, an answer it could not read); the message says why. */
public class MetricsUnavailableException extends RuntimeException {

    public MetricsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public MetricsUnavailableException(String message) {
        super(message);
    }
}
