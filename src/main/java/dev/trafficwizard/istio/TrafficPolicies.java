package dev.trafficwizard.istio;

import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsTCPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;

import java.util.Optional;

/**
 * A plan's traffic policy (TLS, load balancer, connection pool, outlier detection) to a
 * DestinationRule {@code trafficPolicy} and back. The consistent hash is the sticky session's
 * ({@link StickyPolicies}); a simple load balancer is written only when there is no hash key.
 * Fields of these parts that a plan cannot express (CA certificates, SANs, TCP keepalive, idle
 * timeouts, gateway errors, locality settings…) are not read; an apply keeps them while the plan
 * keeps the part ({@link PolicyMerge}). A tls with client certificate files is not read at all
 * (the plan's MUTUAL needs a {@code credentialName}), nor a load balancer with neither a simple
 * choice nor a hash (only locality or warm-up): an apply without them keeps them
 * ({@link TrafficPolicyMerge}). Public for the Gateway API side, which writes a
 * DestinationRule per version Service.
 */
public final class TrafficPolicies {

    private TrafficPolicies() {
    }

    /** Null when neither the policy nor the sticky session sets anything. */
    public static io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy toIstio(TrafficPolicy policy,
                                                                             StickySession sticky) {
        io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy out = StickyPolicies.toIstio(sticky);
        if (policy == null) {
            return out;
        }
        if (out == null) {
            out = new io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy();
        }
        if (policy.tls() != null) {
            TrafficPolicy.Tls t = policy.tls();
            ClientTLSSettings tls = new ClientTLSSettings();
            tls.setMode(mode(t.mode()));
            tls.setCredentialName(t.credentialName());
            tls.setSni(t.sni());
            out.setTls(tls);
        }
        if (out.getLoadBalancer() == null && policy.loadBalancer() != null) {
            LoadBalancerSettings lb = new LoadBalancerSettings();
            LoadBalancerSettingsSimpleLB simple = simple(policy.loadBalancer().simple());
            lb.setLbPolicy(simple == null ? null : new LoadBalancerSettingsSimple(simple));
            out.setLoadBalancer(lb);
        }
        if (policy.connectionPool() != null) {
            TrafficPolicy.ConnectionPool p = policy.connectionPool();
            ConnectionPoolSettings pool = new ConnectionPoolSettings();
            if (p.tcp() != null) {
                ConnectionPoolSettingsTCPSettings tcp = new ConnectionPoolSettingsTCPSettings();
                tcp.setMaxConnections(p.tcp().maxConnections());
                tcp.setConnectTimeout(p.tcp().connectTimeout());
                pool.setTcp(tcp);
            }
            if (p.http() != null) {
                ConnectionPoolSettingsHTTPSettings http = new ConnectionPoolSettingsHTTPSettings();
                http.setHttp1MaxPendingRequests(p.http().http1MaxPendingRequests());
                http.setHttp2MaxRequests(p.http().http2MaxRequests());
                http.setMaxRequestsPerConnection(p.http().maxRequestsPerConnection());
                http.setMaxRetries(p.http().maxRetries());
                pool.setHttp(http);
            }
            out.setConnectionPool(pool);
        }
        if (policy.outlierDetection() != null) {
            TrafficPolicy.OutlierDetection o = policy.outlierDetection();
            OutlierDetection outlier = new OutlierDetection();
            outlier.setConsecutive5xxErrors(o.consecutive5xxErrors());
            outlier.setInterval(o.interval());
            outlier.setBaseEjectionTime(o.baseEjectionTime());
            outlier.setMaxEjectionPercent(o.maxEjectionPercent());
            out.setOutlierDetection(outlier);
        }
        // an empty policy is refused by Istio ("must have at least one field"): none instead
        return out.getTls() == null && out.getLoadBalancer() == null && out.getConnectionPool() == null
                && out.getOutlierDetection() == null ? null : out;
    }

    /** The fabric8 mode, or null for a name Istio does not know (plan validation refuses it). */
    private static ClientTLSSettingsTLSmode mode(String mode) {
        if (mode == null) {
            return null;
        }
        try {
            return ClientTLSSettingsTLSmode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LoadBalancerSettingsSimpleLB simple(String simple) {
        if (simple == null) {
            return null;
        }
        try {
            return LoadBalancerSettingsSimpleLB.valueOf(simple);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether a live policy holds only what a plan says (no port-level settings, no TLS
     * certificates or SANs, a simple load balancer without locality or warm-up, no idle timeouts,
     * keepalives or gateway errors...). Objects that a write replaces whole, such as the Gateway
     * API's per-version DestinationRules, are read only when this holds, so nothing is lost.
     */
    public static boolean onlyPlanFields(io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy p) {
        if (p == null) {
            return true;
        }
        if (!p.getAdditionalProperties().isEmpty() || p.getPortLevelSettings() != null && !p.getPortLevelSettings().isEmpty()
                || p.getProxyProtocol() != null || p.getRetryBudget() != null || p.getTunnel() != null) {
            return false;
        }
        ClientTLSSettings t = p.getTls();
        if (t != null && (t.getCaCertificates() != null || t.getClientCertificate() != null || t.getPrivateKey() != null
                || t.getCaCrl() != null || t.getInsecureSkipVerify() != null
                || t.getSubjectAltNames() != null && !t.getSubjectAltNames().isEmpty())) {
            return false;
        }
        LoadBalancerSettings l = p.getLoadBalancer();
        if (l != null && (!(l.getLbPolicy() instanceof LoadBalancerSettingsSimple simple) || simple.getSimple() == null
                || l.getLocalityLbSetting() != null || l.getWarmup() != null || l.getWarmupDurationSecs() != null)) {
            return false;
        }
        var tcp = p.getConnectionPool() == null ? null : p.getConnectionPool().getTcp();
        var http = p.getConnectionPool() == null ? null : p.getConnectionPool().getHttp();
        if (tcp != null && (tcp.getIdleTimeout() != null || tcp.getMaxConnectionDuration() != null
                || tcp.getTcpKeepalive() != null)
                || http != null && (http.getH2UpgradePolicy() != null || http.getIdleTimeout() != null
                || http.getMaxConcurrentStreams() != null || http.getUseClientProtocol() != null)) {
            return false;
        }
        OutlierDetection o = p.getOutlierDetection();
        return o == null || o.getConsecutiveErrors() == null && o.getConsecutiveGatewayErrors() == null
                && o.getConsecutiveLocalOriginFailures() == null && o.getMinHealthPercent() == null
                && o.getSplitExternalLocalOriginErrors() == null;
    }

    /**
     * Whether a live tls holds a client certificate or key file (MUTUAL with files, which Istio
     * accepts): the plan cannot express it, so it reads no tls and an apply without tls keeps it
     * ({@link TrafficPolicyMerge}).
     */
    static boolean certificateFiles(ClientTLSSettings t) {
        return t.getClientCertificate() != null && !t.getClientCertificate().isEmpty()
                || t.getPrivateKey() != null && !t.getPrivateKey().isEmpty();
    }

    /**
     * The plan's view of a live policy, without its consistent hash (read as the sticky session):
     * null when none of the four parts is set. A load balancer with only a consistent hash is the
     * sticky session's, so it is not read here.
     */
    public static TrafficPolicy fromIstio(io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy policy) {
        return fromIstio(policy, false);
    }

    /**
     * @param withHash whether the consistent hash is read into {@code loadBalancer.consistentHash}
     *                 (a subset's policy: a plan's sticky session is the service's)
     */
    static TrafficPolicy fromIstio(io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy policy,
                                   boolean withHash) {
        if (policy == null) {
            return null;
        }
        TrafficPolicy.Tls tls = null;
        if (policy.getTls() != null && !certificateFiles(policy.getTls())) {
            ClientTLSSettings t = policy.getTls();
            tls = new TrafficPolicy.Tls(t.getMode() == null ? null : t.getMode().name(), t.getCredentialName(),
                    t.getSni());
        }
        TrafficPolicy.LoadBalancer lb = null;
        LoadBalancerSettings settings = policy.getLoadBalancer();
        if (settings != null) {
            String simple = settings.getLbPolicy() instanceof LoadBalancerSettingsSimple s && s.getSimple() != null
                    ? s.getSimple().name() : null;
            StickySession hash = null;
            if (withHash) {
                Optional<Optional<StickySession>> read = StickyPolicies.fromIstio(policy);
                hash = read.flatMap(o -> o).orElse(null);
            }
            // neither a simple choice nor a hash (only locality or warm-up settings, which the plan
            // cannot express and an apply keeps): no load balancer, not one that chooses nothing
            if (simple != null || hash != null) {
                lb = new TrafficPolicy.LoadBalancer(simple, hash);
            }
        }
        TrafficPolicy.ConnectionPool pool = null;
        if (policy.getConnectionPool() != null) {
            ConnectionPoolSettings p = policy.getConnectionPool();
            TrafficPolicy.ConnectionPool.Tcp tcp = p.getTcp() == null ? null : new TrafficPolicy.ConnectionPool.Tcp(
                    p.getTcp().getMaxConnections(), p.getTcp().getConnectTimeout());
            TrafficPolicy.ConnectionPool.Http http = p.getHttp() == null ? null
                    : new TrafficPolicy.ConnectionPool.Http(p.getHttp().getHttp1MaxPendingRequests(),
                    p.getHttp().getHttp2MaxRequests(), p.getHttp().getMaxRequestsPerConnection(),
                    p.getHttp().getMaxRetries());
            pool = new TrafficPolicy.ConnectionPool(tcp, http);
        }
        TrafficPolicy.OutlierDetection outlier = null;
        if (policy.getOutlierDetection() != null) {
            OutlierDetection o = policy.getOutlierDetection();
            outlier = new TrafficPolicy.OutlierDetection(o.getConsecutive5xxErrors(), o.getInterval(),
                    o.getBaseEjectionTime(), o.getMaxEjectionPercent());
        }
        TrafficPolicy out = new TrafficPolicy(tls, lb, pool, outlier);
        return out.setsNothing() ? null : out;
    }
}
