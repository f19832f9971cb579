package dev.trafficwizard.routing;

/**
 * A rule's retry policy with Istio's names: {@code attempts} retries (0 turns retries off),
 * each given {@code perTryTimeout} (a duration), on the Envoy conditions of {@code retryOn}
 * (comma separated, such as {@code 5xx,connect-failure}, or HTTP status codes).
 */
public record Retries(Integer attempts, String perTryTimeout, String retryOn) {
}
