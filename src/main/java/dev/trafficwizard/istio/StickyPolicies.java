package dev.trafficwizard.istio;

import dev.trafficwizard.routing.StickySession;
import io.fabric8.istio.api.api.networking.v1alpha3.IsLoadBalancerSettingsConsistentHashLBHashKey;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookie_;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpHeaderName;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpQueryParameterName;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBUseSourceIp;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;

import java.util.Optional;

/** Sticky sessions to a DestinationRule traffic policy ({@code loadBalancer.consistentHash}) and back. */
final class StickyPolicies {

    private StickyPolicies() {
    }

    /** Null when the plan has no hash key (no sticky sessions, or versions pinned by cookie only). */
    static TrafficPolicy toIstio(StickySession sticky) {
        if (sticky == null || sticky.hashKeys() == 0) {
            return null;
        }
        IsLoadBalancerSettingsConsistentHashLBHashKey key;
        if (sticky.httpHeaderName() != null) {
            key = new LoadBalancerSettingsConsistentHashLBHttpHeaderName(
                    sticky.httpHeaderName().toLowerCase(java.util.Locale.ROOT));
        } else if (sticky.httpCookie() != null) {
            StickySession.HttpCookie c = sticky.httpCookie();
            key = new LoadBalancerSettingsConsistentHashLBHttpCookie(
                    new LoadBalancerSettingsConsistentHashLBHTTPCookie_(null, c.name(), blankToNull(c.path()),
                            blankToNull(c.ttl())));
        } else if (Boolean.TRUE.equals(sticky.useSourceIp())) {
            key = new LoadBalancerSettingsConsistentHashLBUseSourceIp(true);
        } else {
            key = new LoadBalancerSettingsConsistentHashLBHttpQueryParameterName(sticky.httpQueryParameterName());
        }
        LoadBalancerSettingsConsistentHashLB hash = new LoadBalancerSettingsConsistentHashLB();
        hash.setHashKey(key);
        LoadBalancerSettings lb = new LoadBalancerSettings();
        lb.setLbPolicy(new LoadBalancerSettingsConsistentHash(hash));
        TrafficPolicy policy = new TrafficPolicy();
        policy.setLoadBalancer(lb);
        return policy;
    }

    /**
     * The hash key of a traffic policy: empty Optional inside when there is none, empty outer
     * Optional when the consistent hash is one a plan cannot express (ring size, hash algorithm…).
     */
    static Optional<Optional<StickySession>> fromIstio(TrafficPolicy policy) {
        if (policy == null) {
            return Optional.of(Optional.empty());
        }
        // connection pools, outlier detection, TLS, a simple load balancer… are not the plan's: an
        // apply keeps them (StructuralMerge), so only the consistent hash is read
        if (policy.getLoadBalancer() == null
                || !(policy.getLoadBalancer().getLbPolicy() instanceof LoadBalancerSettingsConsistentHash)) {
            return Optional.of(Optional.empty());
        }
        LoadBalancerSettingsConsistentHash ch =
                (LoadBalancerSettingsConsistentHash) policy.getLoadBalancer().getLbPolicy();
        LoadBalancerSettingsConsistentHashLB hash = ch.getConsistentHash();
        if (hash == null || hash.getHashAlgorithm() != null || hash.getMinimumRingSize() != null) {
            return Optional.empty();
        }
        StickySession sticky = null;
        IsLoadBalancerSettingsConsistentHashLBHashKey key = hash.getHashKey();
        if (key instanceof LoadBalancerSettingsConsistentHashLBHttpHeaderName h) {
            sticky = new StickySession(h.getHttpHeaderName(), null, null, null);
        } else if (key instanceof LoadBalancerSettingsConsistentHashLBHttpCookie c && c.getHttpCookie() != null
                && Absent.is(c.getHttpCookie().getAttributes())) {
            sticky = new StickySession(null, new StickySession.HttpCookie(c.getHttpCookie().getName(),
                    c.getHttpCookie().getPath(), c.getHttpCookie().getTtl()), null, null);
        } else if (key instanceof LoadBalancerSettingsConsistentHashLBUseSourceIp s
                && Boolean.TRUE.equals(s.getUseSourceIp())) {
            sticky = new StickySession(null, null, true, null);
        } else if (key instanceof LoadBalancerSettingsConsistentHashLBHttpQueryParameterName q) {
            sticky = new StickySession(null, null, null, q.getHttpQueryParameterName());
        }
        return sticky == null ? Optional.empty() : Optional.of(Optional.of(sticky));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
