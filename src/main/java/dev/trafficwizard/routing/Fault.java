package dev.trafficwizard.routing;

/**
 * Fault injection on a rule (Istio's {@code HTTPFaultInjection}): a fixed {@code delay} before
 * forwarding and/or an {@code abort} answered by the proxy itself, each for a share of requests.
 * The Gateway API has no equivalent. A percent absent means 100, as in Istio.
 */
public record Fault(Delay delay, Abort abort) {

    /** Wait {@code fixed} (a duration such as {@code 2s}) before forwarding {@code percent} of requests. */
    public record Delay(String fixed, Double percent) {
        public double percentOrDefault() {
            return percent == null ? 100.0 : percent;
        }
    }

    /** Answer {@code percent} of requests with {@code httpStatus} without forwarding them. */
    public record Abort(Integer httpStatus, Double percent) {
        public double percentOrDefault() {
            return percent == null ? 100.0 : percent;
        }
    }
}
