package dev.trafficwizard.routing;

/** Consistent-hash load balancing: exactly one of the fields is set. */
public record StickySession(String httpHeaderName, HttpCookie httpCookie, Boolean useSourceIp,
                            String httpQueryParameterName) {

    public record HttpCookie(String name, String path, String ttl) {
    }
}
