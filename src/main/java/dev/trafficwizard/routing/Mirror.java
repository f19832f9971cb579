package dev.trafficwizard.routing;

/**
 * A copy of a rule's requests sent to a version as well (Istio's {@code mirror} with
 * {@code mirrorPercentage}, the Gateway API's {@code RequestMirror} filter). The mirror's answers
 * are thrown away: the caller only ever sees the answer of the rule's route. {@code percent} absent
 * means 100 (Istio mirrors everything when no percentage is set).
 */
public record Mirror(String version, Double percent) {

    /** The share of the rule's requests that are copied, absent meaning all of them. */
    public double percentOrDefault() {
        return percent == null ? 100.0 : percent;
    }
}
