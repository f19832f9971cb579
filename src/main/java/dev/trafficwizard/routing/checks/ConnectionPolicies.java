package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.TrafficPolicy;

import java.util.List;

/**
 * The connection pool and outlier detection of a traffic policy at {@code <p>} (see
 * {@link TrafficPolicyCheck}), as Istio's {@code validateConnectionPool} and
 * {@code validateOutlierDetection} check them:
 * <ul>
 *   <li>{@code POOL_EMPTY} (error) at {@code <p>.connectionPool}: neither {@code tcp} nor {@code http};</li>
 *   <li>{@code NEGATIVE_NUMBER} (error) at {@code <p>.connectionPool.tcp.maxConnections},
 *       {@code ...http.http1MaxPendingRequests}, {@code ...http2MaxRequests},
 *       {@code ...maxRequestsPerConnection}, {@code ...maxRetries} and
 *       {@code <p>.outlierDetection.consecutive5xxErrors};</li>
 *   <li>{@code POOL_ZERO_UNLIMITED} (warning) at a pool limit of 0, which Istio reads as unset
 *       (its default, practically unlimited), not as "none";</li>
 *   <li>{@code INVALID_DURATION}, {@code DURATION_TOO_SHORT}, {@code DURATION_PRECISION} (errors) at
 *       {@code <p>.connectionPool.tcp.connectTimeout}, {@code <p>.outlierDetection.interval} and
 *       {@code ...baseEjectionTime};</li>
 *   <li>{@code PERCENT_RANGE} (error) at {@code <p>.outlierDetection.maxEjectionPercent}: not 0 to 100.</li>
 * </ul>
 */
final class ConnectionPolicies {

    private ConnectionPolicies() {
    }

    static void pool(TrafficPolicy.ConnectionPool pool, String at, List<Diagnostic> out) {
        if (pool.tcp() == null && pool.http() == null) {
            out.add(Diagnostic.error(DiagnosticCode.POOL_EMPTY, at));
            return;
        }
        if (pool.tcp() != null) {
            limit(pool.tcp().maxConnections(), at + ".tcp.maxConnections", out);
            if (pool.tcp().connectTimeout() != null) {
                DurationCheck.check(pool.tcp().connectTimeout(), at + ".tcp.connectTimeout", out);
            }
        }
        TrafficPolicy.ConnectionPool.Http http = pool.http();
        if (http != null) {
            limit(http.http1MaxPendingRequests(), at + ".http.http1MaxPendingRequests", out);
            limit(http.http2MaxRequests(), at + ".http.http2MaxRequests", out);
            limit(http.maxRequestsPerConnection(), at + ".http.maxRequestsPerConnection", out);
            limit(http.maxRetries(), at + ".http.maxRetries", out);
        }
    }

    static void outlier(TrafficPolicy.OutlierDetection outlier, String at, List<Diagnostic> out) {
        Integer errors = outlier.consecutive5xxErrors();
        if (errors != null && errors < 0) {
            out.add(Diagnostic.error(DiagnosticCode.NEGATIVE_NUMBER, at + ".consecutive5xxErrors", errors));
        }
        if (outlier.interval() != null) {
            DurationCheck.check(outlier.interval(), at + ".interval", out);
        }
        if (outlier.baseEjectionTime() != null) {
            DurationCheck.check(outlier.baseEjectionTime(), at + ".baseEjectionTime", out);
        }
        Integer percent = outlier.maxEjectionPercent();
        if (percent != null && (percent < 0 || percent > 100)) {
            out.add(Diagnostic.error(DiagnosticCode.PERCENT_RANGE, at + ".maxEjectionPercent", String.valueOf(percent)));
        }
    }

    private static void limit(Integer value, String at, List<Diagnostic> out) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            out.add(Diagnostic.error(DiagnosticCode.NEGATIVE_NUMBER, at, value));
        } else if (value == 0) {
            out.add(Diagnostic.warning(DiagnosticCode.POOL_ZERO_UNLIMITED, at));
        }
    }
}
