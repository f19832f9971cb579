package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.StickySession;

import java.util.List;

/**
 * What of the sticky sessions section translates: the keep-version cookie does (cookie-match rules
 * and Set-Cookie per backend, {@link HttpRouteBuilder}); a hash key does not. Gateway API's own
 * {@code sessionPersistence} is not implemented by Istio (istio/istio#55839), and a DestinationRule's
 * consistent hash does not apply to HTTPRoute backends (istio/istio#58708).
 */
final class StickyTranslation {

    static final String HASH_REASON = "Istio implements neither the Gateway API's sessionPersistence"
            + " (istio/istio#55839) nor consistent hashing for HTTPRoute backends (istio/istio#58708); the"
            + " keep-version cookie does translate";

    private StickyTranslation() {
    }

    static void check(StickySession sticky, List<Untranslatable> untranslatable) {
        if (sticky == null) {
            return;
        }
        if (sticky.httpHeaderName() != null) {
            untranslatable.add(new Untranslatable("stickySession.httpHeaderName", HASH_REASON));
        }
        if (sticky.httpCookie() != null) {
            untranslatable.add(new Untranslatable("stickySession.httpCookie", HASH_REASON));
        }
        if (Boolean.TRUE.equals(sticky.useSourceIp())) {
            untranslatable.add(new Untranslatable("stickySession.useSourceIp", HASH_REASON));
        }
        if (sticky.httpQueryParameterName() != null) {
            untranslatable.add(new Untranslatable("stickySession.httpQueryParameterName", HASH_REASON));
        }
    }
}
