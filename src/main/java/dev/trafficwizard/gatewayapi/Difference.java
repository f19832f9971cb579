package dev.trafficwizard.gatewayapi;

/**
 * A part of a plan that does translate, but routes differently under the Gateway API than under
 * Istio: {@code field} is its path in the plan (e.g. {@code rules[0].match[1].uri}), {@code reason}
 * says how. Unlike {@link Untranslatable} the objects may be applied; the form shows the note so the
 * user chooses knowingly.
 */
public record Difference(String field, String reason) {
}
