package dev.trafficwizard.web;

/**
 * One traffic policy of the rules editor as typed: {@code scope} empty for the whole service, else
 * a version (its subset's policy). {@code lb} is "", a simple load balancer name, or "hash" with
 * {@code hashKey} one of header, cookie, sourceIp, query.
 */
public class PolicyForm {

    private String scope = "";
    private String tlsMode = "";
    private String tlsCredential;
    private String tlsSni;
    private String lb = "";
    private String hashKey = "header";
    private String hashHeader;
    private String cookieName;
    private String cookiePath;
    private String cookieTtl;
    private String hashQuery;
    private String maxConnections;
    private String connectTimeout;
    private String maxPending;
    private String http2MaxRequests;
    private String maxRequestsPerConnection;
    private String maxRetries;
    private String consecutive5xx;
    private String interval;
    private String baseEjectionTime;
    private String maxEjectionPercent;

    public PolicyForm() {
    }

    public PolicyForm(String scope) {
        this.scope = scope;
    }

    public String getScope() { return scope; }
    public void setScope(String scope) { this.scope = scope; }
    public String getTlsMode() { return tlsMode; }
    public void setTlsMode(String tlsMode) { this.tlsMode = tlsMode; }
    public String getTlsCredential() { return tlsCredential; }
    public void setTlsCredential(String tlsCredential) { this.tlsCredential = tlsCredential; }
    public String getTlsSni() { return tlsSni; }
    public void setTlsSni(String tlsSni) { this.tlsSni = tlsSni; }
    public String getLb() { return lb; }
    public void setLb(String lb) { this.lb = lb; }
    public String getHashKey() { return hashKey; }
    public void setHashKey(String hashKey) { this.hashKey = hashKey; }
    public String getHashHeader() { return hashHeader; }
    public void setHashHeader(String hashHeader) { this.hashHeader = hashHeader; }
    public String getCookieName() { return cookieName; }
    public void setCookieName(String cookieName) { this.cookieName = cookieName; }
    public String getCookiePath() { return cookiePath; }
    public void setCookiePath(String cookiePath) { this.cookiePath = cookiePath; }
    public String getCookieTtl() { return cookieTtl; }
    public void setCookieTtl(String cookieTtl) { this.cookieTtl = cookieTtl; }
    public String getHashQuery() { return hashQuery; }
    public void setHashQuery(String hashQuery) { this.hashQuery = hashQuery; }
    public String getMaxConnections() { return maxConnections; }
    public void setMaxConnections(String maxConnections) { this.maxConnections = maxConnections; }
    public String getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(String connectTimeout) { this.connectTimeout = connectTimeout; }
    public String getMaxPending() { return maxPending; }
    public void setMaxPending(String maxPending) { this.maxPending = maxPending; }
    public String getHttp2MaxRequests() { return http2MaxRequests; }
    public void setHttp2MaxRequests(String http2MaxRequests) { this.http2MaxRequests = http2MaxRequests; }
    public String getMaxRequestsPerConnection() { return maxRequestsPerConnection; }
    public void setMaxRequestsPerConnection(String v) { this.maxRequestsPerConnection = v; }
    public String getMaxRetries() { return maxRetries; }
    public void setMaxRetries(String maxRetries) { this.maxRetries = maxRetries; }
    public String getConsecutive5xx() { return consecutive5xx; }
    public void setConsecutive5xx(String consecutive5xx) { this.consecutive5xx = consecutive5xx; }
    public String getInterval() { return interval; }
    public void setInterval(String interval) { this.interval = interval; }
    public String getBaseEjectionTime() { return baseEjectionTime; }
    public void setBaseEjectionTime(String baseEjectionTime) { this.baseEjectionTime = baseEjectionTime; }
    public String getMaxEjectionPercent() { return maxEjectionPercent; }
    public void setMaxEjectionPercent(String maxEjectionPercent) { this.maxEjectionPercent = maxEjectionPercent; }

    /** Whether anything is set (the "Applies to" choice marks versions with a policy of their own). */
    public boolean isSet() {
        return java.util.stream.Stream.of(tlsMode, tlsCredential, tlsSni, lb, maxConnections, connectTimeout, maxPending,
                        http2MaxRequests, maxRequestsPerConnection, maxRetries, consecutive5xx, interval, baseEjectionTime,
                        maxEjectionPercent)
                .anyMatch(v -> v != null && !v.isBlank());
    }

    /** The plan path of this policy: {@code trafficPolicy} or {@code versionPolicies.<version>}. */
    public String path() {
        return scope == null || scope.isEmpty() ? "trafficPolicy" : "versionPolicies." + scope;
    }

    /** An id-safe token for this policy's inputs. */
    public String key() {
        return scope == null || scope.isEmpty() ? "all" : "v-" + scope.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
