package dev.trafficwizard.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A token for the live routing objects a form or preview was computed from: the resourceVersions
 * of the service's DestinationRule, VirtualService and bound Gateway ({@code 0} for absent), and of
 * its Gateway API objects where it has any. If
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
     * The token of a service's routing under either API: {@link #of} for the Istio objects, then,
     * when it has any Gateway API objects, the HTTPRoute's resourceVersion and a digest of every
     * other one (host routes, version Services, the bound Gateway API Gateway), so a change to any
     * of them is a conflict too while the token stays short.
     */
    static String of(HasMetadata destinationRule, HasMetadata virtualService, HasMetadata gateway,
                     HasMetadata httpRoute, java.util.List<? extends HasMetadata> others) {
        String base = of(destinationRule, virtualService, gateway);
        if (httpRoute == null && others.isEmpty()) {
            return base;
        }
        String digest = others.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName() + "@" + rv(o))
                .sorted().reduce("", (a, b) -> a + "," + b);
        return base + "." + rv(httpRoute) + "." + Integer.toHexString(digest.hashCode());
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
