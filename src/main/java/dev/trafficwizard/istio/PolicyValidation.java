package dev.trafficwizard.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;

import java.util.List;

import static dev.trafficwizard.istio.RouteValidation.duration;

/**
 * The traffic-policy part of {@link IstioResourceValidation}: Istio's
 * {@code validateOutlierDetection}, {@code validateConnectionPool} and {@code ValidateTLS}
 * (client TLS settings). Warnings (the deprecated {@code consecutiveErrors}) are not reported.
 */
final class PolicyValidation {

    private PolicyValidation() {
    }

    static void parts(TrafficPolicy policy, String at, List<Violation> out) {
        if (policy.getTunnel() != null && policy.getProxyProtocol() != null) {
            out.add(new Violation(at, "tunnel and proxyProtocol must not be set together"));
        }
        outlier(policy.getOutlierDetection(), at + ".outlierDetection", out);
        pool(policy.getConnectionPool(), at + ".connectionPool", out);
        tls(policy.getTls(), at + ".tls", out);
    }

    private static void outlier(OutlierDetection o, String at, List<Violation> out) {
        if (o == null) {
            return;
        }
        duration(o.getBaseEjectionTime(), at + ".baseEjectionTime", out);
        duration(o.getInterval(), at + ".interval", out);
        if (!Boolean.TRUE.equals(o.getSplitExternalLocalOriginErrors()) && o.getConsecutiveLocalOriginFailures() != null
                && o.getConsecutiveLocalOriginFailures() > 0) {
            out.add(new Violation(at + ".consecutiveLocalOriginFailures", "outlier detection consecutive local origin"
                    + " failures is specified, but split external local origin errors is set to false"));
        }
        percent(o.getMaxEjectionPercent(), at + ".maxEjectionPercent", out);
        percent(o.getMinHealthPercent(), at + ".minHealthPercent", out);
    }

    private static void percent(Integer value, String at, List<Violation> out) {
        if (value != null && (value < 0 || value > 100)) {
            out.add(new Violation(at, "percentage " + value + " is not in range 0..100"));
        }
    }

    private static void pool(ConnectionPoolSettings pool, String at, List<Violation> out) {
        if (pool == null) {
            return;
        }
        if (pool.getHttp() == null && pool.getTcp() == null) {
            out.add(new Violation(at, "connection pool must have at least one field"));
            return;
        }
        var http = pool.getHttp();
        if (http != null) {
            nonNegative(http.getHttp1MaxPendingRequests(), at + ".http.http1MaxPendingRequests",
                    "http1 max pending requests", out);
            nonNegative(http.getHttp2MaxRequests(), at + ".http.http2MaxRequests", "http2 max requests", out);
            nonNegative(http.getMaxRequestsPerConnection(), at + ".http.maxRequestsPerConnection",
                    "max requests per connection", out);
            nonNegative(http.getMaxRetries(), at + ".http.maxRetries", "max retries", out);
            nonNegative(http.getMaxConcurrentStreams(), at + ".http.maxConcurrentStreams", "max concurrent streams",
                    out);
            duration(http.getIdleTimeout(), at + ".http.idleTimeout", out);
            if (http.getH2UpgradePolicy() != null && "UPGRADE".equals(http.getH2UpgradePolicy().name())
                    && Boolean.TRUE.equals(http.getUseClientProtocol())) {
                out.add(new Violation(at + ".http.useClientProtocol",
                        "use client protocol must not be true when H2UpgradePolicy is UPGRADE"));
            }
        }
        var tcp = pool.getTcp();
        if (tcp != null) {
            nonNegative(tcp.getMaxConnections(), at + ".tcp.maxConnections", "max connections", out);
            duration(tcp.getConnectTimeout(), at + ".tcp.connectTimeout", out);
            duration(tcp.getMaxConnectionDuration(), at + ".tcp.maxConnectionDuration", out);
            if (tcp.getIdleTimeout() != null && !"0s".equals(tcp.getIdleTimeout())) {
                duration(tcp.getIdleTimeout(), at + ".tcp.idleTimeout", out);
            }
            if (tcp.getTcpKeepalive() != null) {
                duration(tcp.getTcpKeepalive().getTime(), at + ".tcp.tcpKeepalive.time", out);
                duration(tcp.getTcpKeepalive().getInterval(), at + ".tcp.tcpKeepalive.interval", out);
            }
        }
    }

    private static void nonNegative(Integer value, String at, String what, List<Violation> out) {
        if (value != null && value < 0) {
            out.add(new Violation(at, what + " must be non-negative"));
        }
    }

    /** Istio's {@code ValidateTLS} for client settings (configmap:// credentials are not checked here). */
    private static void tls(ClientTLSSettings tls, String at, List<Violation> out) {
        if (tls == null) {
            return;
        }
        ClientTLSSettingsTLSmode mode = tls.getMode();
        boolean credential = tls.getCredentialName() != null && !tls.getCredentialName().isEmpty();
        boolean sans = tls.getSubjectAltNames() != null && !tls.getSubjectAltNames().isEmpty();
        if (Boolean.TRUE.equals(tls.getInsecureSkipVerify())) {
            if (mode == ClientTLSSettingsTLSmode.SIMPLE && (set(tls.getCaCertificates()) || credential || sans)) {
                out.add(new Violation(at, "cannot specify CaCertificates or CredentialName or SubjectAltNames when"
                        + " InsecureSkipVerify is set true"));
            }
            if (mode == ClientTLSSettingsTLSmode.MUTUAL && (set(tls.getCaCertificates()) || sans)) {
                out.add(new Violation(at, "cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify"
                        + " is set true"));
            }
        }
        if ((mode == ClientTLSSettingsTLSmode.SIMPLE || mode == ClientTLSSettingsTLSmode.MUTUAL) && credential) {
            if (set(tls.getClientCertificate()) || set(tls.getCaCertificates()) || set(tls.getPrivateKey())
                    || set(tls.getCaCrl())) {
                out.add(new Violation(at, "cannot specify client certificates or CA certificate or CA CRL if"
                        + " credentialName is set"));
            }
            return;
        }
        if (mode == ClientTLSSettingsTLSmode.MUTUAL) {
            if (!set(tls.getClientCertificate())) {
                out.add(new Violation(at + ".clientCertificate", "client certificate required for mutual tls"));
            }
            if (!set(tls.getPrivateKey())) {
                out.add(new Violation(at + ".privateKey", "private key required for mutual tls"));
            }
        }
    }

    private static boolean set(String s) {
        return s != null && !s.isEmpty();
    }
}
