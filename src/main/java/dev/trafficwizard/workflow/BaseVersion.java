package dev.trafficwizard.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A token for the live routing objects a form or preview was computed from: the resourceVersions
 * of the service's DestinationRule, VirtualService and bound Gateway ({@code 0} for absent). If
 * it differs at apply time, someone changed the routing in between.
 */
final class BaseVersion {

    private BaseVersion() {
    }

    static String of(HasMetadata destinationRule, HasMetadata virtualService, HasMetadata gateway) {
        String base = rv(destinationRule) + "." + rv(virtualService);
        return gateway == null ? base : base + "." + rv(gateway);
    }

    /**
     * True for what {@link #of} can produce: resourceVersions (opaque, but ASCII letters, digits,
     * dashes and underscores on every API server) joined by dots.
     */
    static boolean wellFormed(String token) {
        return token.length() <= 256 && token.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_'));
    }

    private static String rv(HasMetadata object) {
        return object == null ? "0" : object.getMetadata().getResourceVersion();
    }
}
