package dev.trafficwizard.gatewayapi;

/**
 * A part of a plan that has no Gateway API equivalent: {@code field} is its path in the plan
 * (e.g. {@code rules[0].match[1].headers.x-user}), {@code reason} says why it does not translate.
 * Reported beside the objects, never silently dropped.
 */
public record Untranslatable(String field, String reason) {
}
