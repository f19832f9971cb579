package dev.trafficwizard.istio;

/**
 * Something Istio's admission validation refuses in an object: where, as a YAML path such as
 * {@code spec.http[1].match[0].uri}, and why, in plain words.
 */
public record Violation(String path, String message) {
}
