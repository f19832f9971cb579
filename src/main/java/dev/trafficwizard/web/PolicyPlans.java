package dev.trafficwizard.web;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.TrafficPolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules editor's traffic policy section as the plan's {@code trafficPolicy} (always sent, empty
 * when nothing is set: the editor owns the policies), {@code versionPolicies} (only versions with
 * something set) and the sticky session (the service policy's consistent hash and version cookie).
 */
final class PolicyPlans {

    static final List<String> TLS_MODES = List.of("", "DISABLE", "ISTIO_MUTUAL", "SIMPLE", "MUTUAL");
    static final List<String> BALANCERS = List.of("", "ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH", "hash");
    static final List<String> HASH_KEYS = List.of("header", "cookie", "sourceIp", "query");

    record Policies(TrafficPolicy service, Map<String, TrafficPolicy> versions, StickySession sticky) {
    }

    private PolicyPlans() {
    }

    static Policies toPlan(RoutingForm form, List<Diagnostic> problems) {
        TrafficPolicy service = new TrafficPolicy(null, null, null, null);
        Map<String, TrafficPolicy> versions = new LinkedHashMap<>();
        StickySession sticky = null;
        for (PolicyForm p : form.getPolicies().stream().limit(FormPlans.MAX_ROWS).toList()) {
            boolean whole = p.getScope() == null || p.getScope().isEmpty();
            StickySession hash = hash(p, whole ? "stickySession" : p.path() + ".loadBalancer.consistentHash", problems);
            if (whole) {
                String cookie = form.isKeepVersions() ? EditorPlans.trim(form.getVersionCookie()) : null;
                StickySession withCookie = hash == null ? (cookie == null ? null
                        : new StickySession(null, null, null, null, cookie))
                        : new StickySession(hash.httpHeaderName(), hash.httpCookie(), hash.useSourceIp(),
                        hash.httpQueryParameterName(), cookie);
                boolean inPolicy = form.isHashInPolicy() && withCookie != null;
                service = policy(p, inPolicy ? withCookie : null, problems);
                sticky = inPolicy ? null : withCookie;
            } else {
                TrafficPolicy policy = policy(p, hash, problems);
                if (!policy.setsNothing()) {
                    versions.put(p.getScope(), policy);
                }
            }
        }
        return new Policies(service, versions, sticky);
    }

    private static TrafficPolicy policy(PolicyForm p, StickySession hash, List<Diagnostic> problems) {
        String at = p.path();
        choice(p.getTlsMode(), TLS_MODES, at + ".tls.mode", problems);
        choice(p.getLb(), BALANCERS, at + ".loadBalancer", problems);
        String mode = EditorPlans.trim(p.getTlsMode());
        String credential = EditorPlans.trim(p.getTlsCredential());
        String sni = EditorPlans.trim(p.getTlsSni());
        TrafficPolicy.Tls tls = mode == null && credential == null && sni == null ? null
                : new TrafficPolicy.Tls(mode, credential, sni);
        String simple = EditorPlans.trim(p.getLb());
        TrafficPolicy.LoadBalancer lb = "hash".equals(simple) ? (hash == null ? null : new TrafficPolicy.LoadBalancer(null, hash))
                : simple == null ? (hash == null ? null : new TrafficPolicy.LoadBalancer(null, hash))
                : new TrafficPolicy.LoadBalancer(simple, null);
        Integer maxConnections = EditorPlans.number(p.getMaxConnections(), at + ".connectionPool.tcp.maxConnections", problems);
        String connectTimeout = EditorPlans.trim(p.getConnectTimeout());
        Integer pending = EditorPlans.number(p.getMaxPending(), at + ".connectionPool.http.http1MaxPendingRequests", problems);
        Integer h2 = EditorPlans.number(p.getHttp2MaxRequests(), at + ".connectionPool.http.http2MaxRequests", problems);
        Integer perConnection = EditorPlans.number(p.getMaxRequestsPerConnection(),
                at + ".connectionPool.http.maxRequestsPerConnection", problems);
        Integer maxRetries = EditorPlans.number(p.getMaxRetries(), at + ".connectionPool.http.maxRetries", problems);
        TrafficPolicy.ConnectionPool.Tcp tcp = maxConnections == null && connectTimeout == null ? null
                : new TrafficPolicy.ConnectionPool.Tcp(maxConnections, connectTimeout);
        TrafficPolicy.ConnectionPool.Http http = pending == null && h2 == null && perConnection == null && maxRetries == null
                ? null : new TrafficPolicy.ConnectionPool.Http(pending, h2, perConnection, maxRetries);
        TrafficPolicy.ConnectionPool pool = tcp == null && http == null ? null : new TrafficPolicy.ConnectionPool(tcp, http);
        Integer errors = EditorPlans.number(p.getConsecutive5xx(), at + ".outlierDetection.consecutive5xxErrors", problems);
        String interval = EditorPlans.trim(p.getInterval());
        String ejection = EditorPlans.trim(p.getBaseEjectionTime());
        Integer maxPercent = EditorPlans.number(p.getMaxEjectionPercent(), at + ".outlierDetection.maxEjectionPercent", problems);
        TrafficPolicy.OutlierDetection outlier = errors == null && interval == null && ejection == null && maxPercent == null
                ? null : new TrafficPolicy.OutlierDetection(errors, interval, ejection, maxPercent);
        return new TrafficPolicy(tls, lb, pool, outlier);
    }

    /** The consistent hash chosen, null when the load balancer is not "hash". */
    private static StickySession hash(PolicyForm p, String at, List<Diagnostic> problems) {
        if (!"hash".equals(p.getLb())) {
            return null;
        }
        String key = p.getHashKey() == null ? "header" : p.getHashKey();
        choice(key, HASH_KEYS, at, problems);
        String required = switch (key) {
            case "header" -> EditorPlans.trim(p.getHashHeader()) == null ? at + ".httpHeaderName" : null;
            case "cookie" -> EditorPlans.trim(p.getCookieName()) == null ? at + ".httpCookie.name" : null;
            case "query" -> EditorPlans.trim(p.getHashQuery()) == null ? at + ".httpQueryParameterName" : null;
            default -> null;
        };
        if (required != null) {
            problems.add(Diagnostic.error(DiagnosticCode.REQUIRED, required));
        }
        return switch (key) {
            case "cookie" -> new StickySession(null, new StickySession.HttpCookie(EditorPlans.trim(p.getCookieName()),
                    EditorPlans.trim(p.getCookiePath()), EditorPlans.trim(p.getCookieTtl())), null, null);
            case "sourceIp" -> new StickySession(null, null, true, null);
            case "query" -> new StickySession(null, null, null, EditorPlans.trim(p.getHashQuery()));
            default -> new StickySession(EditorPlans.trim(p.getHashHeader()) == null ? null
                    : HeaderNames.lower(p.getHashHeader()), null, null, null);
        };
    }

    private static void choice(String value, List<String> allowed, String path, List<Diagnostic> problems) {
        if (value != null && !allowed.contains(value)) {
            problems.add(Diagnostic.error(DiagnosticCode.UNKNOWN_CHOICE, path, EditorPlans.shorten(value),
                    String.join(", ", allowed)));
        }
    }
}
