package dev.trafficwizard.routing;

/** One of exact, prefix or regex; all empty means "present" (headers only). */
public record StringMatch(String exact, String prefix, String regex) {
}
