package dev.trafficwizard.routing;

/**
 * How the proxies talk to a service's pods, with Istio's DestinationRule names
 * ({@code trafficPolicy}): the TLS mode, the load balancer, connection-pool limits and outlier
 * detection. A plan has one for the whole service and may have one per version (the subset's
 * policy, which Istio applies instead of the service's for the fields it sets). Every part is
 * optional; absent parts are left to Istio's defaults.
 */
public record TrafficPolicy(Tls tls, LoadBalancer loadBalancer, ConnectionPool connectionPool,
                            OutlierDetection outlierDetection) {

    /** Whether no part is set (not a bean property: the JSON has no {@code empty}). */
    public boolean setsNothing() {
        return tls == null && loadBalancer == null && connectionPool == null && outlierDetection == null;
    }

    /**
     * TLS towards the pods: {@code mode} one of DISABLE, ISTIO_MUTUAL, SIMPLE, MUTUAL;
     * {@code credentialName} the Secret holding the client certificate (MUTUAL) or CA (SIMPLE);
     * {@code sni} the server name to present, optional.
     */
    public record Tls(String mode, String credentialName, String sni) {
    }

    /**
     * The load balancer: {@code simple} one of ROUND_ROBIN, LEAST_REQUEST, RANDOM, PASSTHROUGH, or
     * {@code consistentHash} with the sticky-session keys (the same as the plan's {@code stickySession}).
     */
    public record LoadBalancer(String simple, StickySession consistentHash) {
    }

    /** Connection-pool limits: {@code tcp.maxConnections}, {@code http.http1MaxPendingRequests}, ... */
    public record ConnectionPool(Tcp tcp, Http http) {

        public record Tcp(Integer maxConnections, String connectTimeout) {
        }

        public record Http(Integer http1MaxPendingRequests, Integer http2MaxRequests,
                           Integer maxRequestsPerConnection, Integer maxRetries) {
        }
    }

    /**
     * Ejecting failing pods: after {@code consecutive5xxErrors} 5xx answers in a row, checked every
     * {@code interval}, a pod is ejected for {@code baseEjectionTime} (times the ejections so far),
     * never more than {@code maxEjectionPercent} of the pods at once.
     */
    public record OutlierDetection(Integer consecutive5xxErrors, String interval, String baseEjectionTime,
                                   Integer maxEjectionPercent) {
    }
}
