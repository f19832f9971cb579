package dev.trafficwizard.gatewayapi;

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

import java.util.List;
import java.util.Optional;

/**
 * A plan's {@link TrafficPolicy} as an Istio DestinationRule {@code trafficPolicy} and back, for the
 * per-version DestinationRules of {@link VersionPolicies} (tls, loadBalancer.simple, connectionPool,
 * outlierDetection; consistent hashing does not apply to HTTPRoute backends, istio/istio#58708).
 * A small copy of what the Istio builder writes, kept here until the two are merged.
 */
final class PolicyObjects {

    private PolicyObjects() {
    }

    /** The Istio policy; an unknown TLS mode or load balancer is listed at {@code field} and left out. */
    static io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy toIstio(TrafficPolicy p, String field,
                                                                              List<Untranslatable> untranslatable) {
        var out = new io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy();
        if (p.tls() != null) {
            ClientTLSSettings tls = new ClientTLSSettings();
            try {
                tls.setMode(p.tls().mode() == null ? null : ClientTLSSettingsTLSmode.valueOf(p.tls().mode()));
            } catch (IllegalArgumentException e) {
                untranslatable.add(new Untranslatable(field + ".tls.mode", "unknown TLS mode " + p.tls().mode()));
            }
            tls.setCredentialName(p.tls().credentialName());
            tls.setSni(p.tls().sni());
            out.setTls(tls);
        }
        if (p.loadBalancer() != null && p.loadBalancer().simple() != null) {
            try {
                out.setLoadBalancer(new LoadBalancerSettings(new LoadBalancerSettingsSimple(
                        LoadBalancerSettingsSimpleLB.valueOf(p.loadBalancer().simple())), null, null, null));
            } catch (IllegalArgumentException e) {
                untranslatable.add(new Untranslatable(field + ".loadBalancer.simple", "unknown load balancer "
                        + p.loadBalancer().simple()));
            }
        }
        if (p.connectionPool() != null) {
            ConnectionPoolSettings pool = new ConnectionPoolSettings();
            var tcp = p.connectionPool().tcp();
            if (tcp != null) {
                ConnectionPoolSettingsTCPSettings t = new ConnectionPoolSettingsTCPSettings();
                t.setMaxConnections(tcp.maxConnections());
                t.setConnectTimeout(tcp.connectTimeout());
                pool.setTcp(t);
            }
            var http = p.connectionPool().http();
            if (http != null) {
                ConnectionPoolSettingsHTTPSettings h = new ConnectionPoolSettingsHTTPSettings();
                h.setHttp1MaxPendingRequests(http.http1MaxPendingRequests());
                h.setHttp2MaxRequests(http.http2MaxRequests());
                h.setMaxRequestsPerConnection(http.maxRequestsPerConnection());
                h.setMaxRetries(http.maxRetries());
                pool.setHttp(h);
            }
            out.setConnectionPool(pool);
        }
        if (p.outlierDetection() != null) {
            OutlierDetection o = new OutlierDetection();
            o.setConsecutive5xxErrors(p.outlierDetection().consecutive5xxErrors());
            o.setInterval(p.outlierDetection().interval());
            o.setBaseEjectionTime(p.outlierDetection().baseEjectionTime());
            o.setMaxEjectionPercent(p.outlierDetection().maxEjectionPercent());
            out.setOutlierDetection(o);
        }
        return out;
    }

    /** The plan's policy of an Istio one; empty when it holds what the plan cannot say. */
    static Optional<TrafficPolicy> fromIstio(io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy p) {
        if (p == null) {
            return Optional.of(new TrafficPolicy(null, null, null, null));
        }
        if (!p.getAdditionalProperties().isEmpty() || p.getPortLevelSettings() != null && !p.getPortLevelSettings().isEmpty()
                || p.getProxyProtocol() != null || p.getRetryBudget() != null || p.getTunnel() != null) {
            return Optional.empty();
        }
        TrafficPolicy.Tls tls = null;
        if (p.getTls() != null) {
            ClientTLSSettings t = p.getTls();
            if (t.getCaCertificates() != null || t.getClientCertificate() != null || t.getPrivateKey() != null
                    || t.getCaCrl() != null || t.getInsecureSkipVerify() != null
                    || t.getSubjectAltNames() != null && !t.getSubjectAltNames().isEmpty()) {
                return Optional.empty();
            }
            tls = new TrafficPolicy.Tls(t.getMode() == null ? null : t.getMode().name(), t.getCredentialName(), t.getSni());
        }
        TrafficPolicy.LoadBalancer lb = null;
        if (p.getLoadBalancer() != null) {
            LoadBalancerSettings l = p.getLoadBalancer();
            if (!(l.getLbPolicy() instanceof LoadBalancerSettingsSimple simple) || simple.getSimple() == null
                    || l.getLocalityLbSetting() != null || l.getWarmup() != null || l.getWarmupDurationSecs() != null) {
                return Optional.empty();
            }
            lb = new TrafficPolicy.LoadBalancer(simple.getSimple().name(), null);
        }
        TrafficPolicy.ConnectionPool pool = null;
        if (p.getConnectionPool() != null) {
            var t = p.getConnectionPool().getTcp();
            var h = p.getConnectionPool().getHttp();
            if (t != null && (t.getIdleTimeout() != null || t.getMaxConnectionDuration() != null || t.getTcpKeepalive() != null)
                    || h != null && (h.getH2UpgradePolicy() != null || h.getIdleTimeout() != null
                    || h.getMaxConcurrentStreams() != null || h.getUseClientProtocol() != null)) {
                return Optional.empty();
            }
            pool = new TrafficPolicy.ConnectionPool(
                    t == null ? null : new TrafficPolicy.ConnectionPool.Tcp(t.getMaxConnections(), t.getConnectTimeout()),
                    h == null ? null : new TrafficPolicy.ConnectionPool.Http(h.getHttp1MaxPendingRequests(),
                            h.getHttp2MaxRequests(), h.getMaxRequestsPerConnection(), h.getMaxRetries()));
        }
        TrafficPolicy.OutlierDetection outlier = null;
        if (p.getOutlierDetection() != null) {
            OutlierDetection o = p.getOutlierDetection();
            if (o.getConsecutiveErrors() != null || o.getConsecutiveGatewayErrors() != null
                    || o.getConsecutiveLocalOriginFailures() != null || o.getMinHealthPercent() != null
                    || o.getSplitExternalLocalOriginErrors() != null) {
                return Optional.empty();
            }
            outlier = new TrafficPolicy.OutlierDetection(o.getConsecutive5xxErrors(), o.getInterval(),
                    o.getBaseEjectionTime(), o.getMaxEjectionPercent());
        }
        return Optional.of(new TrafficPolicy(tls, lb, pool, outlier));
    }
}
