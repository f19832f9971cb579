package dev.trafficwizard.routing;

/**
 * Sticky sessions: consistent-hash load balancing on exactly one of the HTTP header, cookie,
 * source IP or query parameter (within a version's pods). {@code keepVersionCookie} names a cookie
 * that pins each user to the version they first got across a weighted split, which consistent
 * hashing alone cannot do (istio/istio#9764): it may stand alone, without a hash key.
 */
public record StickySession(String httpHeaderName, HttpCookie httpCookie, Boolean useSourceIp,
                            String httpQueryParameterName, String keepVersionCookie) {

    public StickySession(String httpHeaderName, HttpCookie httpCookie, Boolean useSourceIp,
                         String httpQueryParameterName) {
        this(httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName, null);
    }

    /** How many hash keys are set; valid plans have one, or none when only versions are pinned. */
    public int hashKeys() {
        int n = 0;
        n += httpHeaderName != null ? 1 : 0;
        n += httpCookie != null ? 1 : 0;
        n += Boolean.TRUE.equals(useSourceIp) ? 1 : 0;
        n += httpQueryParameterName != null ? 1 : 0;
        return n;
    }

    public boolean pinsVersions() {
        return keepVersionCookie != null && !keepVersionCookie.isBlank();
    }

    /** A cookie to hash on: {@code ttl} as a duration such as {@code 3600s} or {@code 1h}. */
    public record HttpCookie(String name, String path, String ttl) {
    }
}
