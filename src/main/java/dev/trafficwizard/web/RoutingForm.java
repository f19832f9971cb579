package dev.trafficwizard.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the routing forms post, as typed (numbers as text, so a bad value gets a message
 * naming the field instead of a binding error). Each form uses its own part: weighted rows
 * ({@code version}/{@code weight}), match rules, subdomain host routes, the dark release fields;
 * all share the default version, the gateway exposure and the sticky session sections.
 */
public class RoutingForm {

    private String baseVersion;
    private Integer rollbackOf;
    private List<String> version = new ArrayList<>();
    private List<String> weight = new ArrayList<>();
    private List<MatchRow> rules = new ArrayList<>();
    private String defaultVersion;
    private String domain;
    private List<HostRow> hostRoutes = new ArrayList<>();
    private String darkHeader;
    private String darkValue;
    private String darkVersion;
    private String exposure = "mesh";
    private String gatewayName;
    private String existingGateway;
    private String gatewayHosts;
    private String port = "80";
    private String credentialName;
    private boolean includeMesh;
    private String hosts;
    private String sticky = "none";
    private String stickyHeader;
    private String cookieName;
    private String cookiePath;
    private String cookieTtl;
    private String stickyQuery;
    private boolean keepVersions;
    private String versionCookie = "tw-version";
    private String api = "auto";
    private List<EditorForm.RuleRow> editor = new ArrayList<>();
    private boolean catchAllOff;
    private List<PolicyForm> policies = new ArrayList<>();
    private String policyScope = "";
    private boolean hashInPolicy;

    /** A match rule of the header and URI forms: what to match, how, and where it goes. */
    public static class MatchRow {
        private String name;
        private String op = "exact";
        private String value;
        private String version;

        public MatchRow() {
        }

        public MatchRow(String name, String op, String value, String version) {
            this.name = name;
            this.op = op;
            this.value = value;
            this.version = version;
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getOp() { return op; }
        public void setOp(String op) { this.op = op; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }
        public String getVersion() { return version; }
        public void setVersion(String version) { this.version = version; }
    }

    /** A host of the subdomain form and the version it goes to. */
    public static class HostRow {
        private String host;
        private String version;

        public HostRow() {
        }

        public HostRow(String host, String version) {
            this.host = host;
            this.version = version;
        }

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public String getVersion() { return version; }
        public void setVersion(String version) { this.version = version; }
    }

    public Integer getRollbackOf() { return rollbackOf; }
    public void setRollbackOf(Integer rollbackOf) { this.rollbackOf = rollbackOf; }
    public String getBaseVersion() { return baseVersion; }
    public void setBaseVersion(String baseVersion) { this.baseVersion = baseVersion; }
    public List<String> getVersion() { return version; }
    public void setVersion(List<String> version) { this.version = version; }
    public List<String> getWeight() { return weight; }
    public void setWeight(List<String> weight) { this.weight = weight; }
    public List<MatchRow> getRules() { return rules; }
    public void setRules(List<MatchRow> rules) { this.rules = rules; }
    public String getDefaultVersion() { return defaultVersion; }
    public void setDefaultVersion(String defaultVersion) { this.defaultVersion = defaultVersion; }
    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public List<HostRow> getHostRoutes() { return hostRoutes; }
    public void setHostRoutes(List<HostRow> hostRoutes) { this.hostRoutes = hostRoutes; }
    public String getDarkHeader() { return darkHeader; }
    public void setDarkHeader(String darkHeader) { this.darkHeader = darkHeader; }
    public String getDarkValue() { return darkValue; }
    public void setDarkValue(String darkValue) { this.darkValue = darkValue; }
    public String getDarkVersion() { return darkVersion; }
    public void setDarkVersion(String darkVersion) { this.darkVersion = darkVersion; }
    public String getExposure() { return exposure; }
    public void setExposure(String exposure) { this.exposure = exposure; }
    public String getGatewayName() { return gatewayName; }
    public void setGatewayName(String gatewayName) { this.gatewayName = gatewayName; }
    public String getExistingGateway() { return existingGateway; }
    public void setExistingGateway(String existingGateway) { this.existingGateway = existingGateway; }
    public String getGatewayHosts() { return gatewayHosts; }
    public void setGatewayHosts(String gatewayHosts) { this.gatewayHosts = gatewayHosts; }
    public String getPort() { return port; }
    public void setPort(String port) { this.port = port; }
    public String getCredentialName() { return credentialName; }
    public void setCredentialName(String credentialName) { this.credentialName = credentialName; }
    public boolean isIncludeMesh() { return includeMesh; }
    public void setIncludeMesh(boolean includeMesh) { this.includeMesh = includeMesh; }
    public String getHosts() { return hosts; }
    public void setHosts(String hosts) { this.hosts = hosts; }
    public String getSticky() { return sticky; }
    public void setSticky(String sticky) { this.sticky = sticky; }
    public String getStickyHeader() { return stickyHeader; }
    public void setStickyHeader(String stickyHeader) { this.stickyHeader = stickyHeader; }
    public String getCookieName() { return cookieName; }
    public void setCookieName(String cookieName) { this.cookieName = cookieName; }
    public String getCookiePath() { return cookiePath; }
    public void setCookiePath(String cookiePath) { this.cookiePath = cookiePath; }
    public String getCookieTtl() { return cookieTtl; }
    public void setCookieTtl(String cookieTtl) { this.cookieTtl = cookieTtl; }
    public String getStickyQuery() { return stickyQuery; }
    public void setStickyQuery(String stickyQuery) { this.stickyQuery = stickyQuery; }
    public boolean isKeepVersions() { return keepVersions; }
    public void setKeepVersions(boolean keepVersions) { this.keepVersions = keepVersions; }
    public String getVersionCookie() { return versionCookie; }
    public void setVersionCookie(String versionCookie) { this.versionCookie = versionCookie; }
    /** "auto" (the namespace decides), "istio" or "gateway-api". */
    public String getApi() { return api; }
    public void setApi(String api) { this.api = api; }

    /** The rules editor's rules, the last being the catch-all. */
    public List<EditorForm.RuleRow> getEditor() { return editor; }
    public void setEditor(List<EditorForm.RuleRow> editor) { this.editor = editor; }
    /** The editor's catch-all is off: requests no rule matches get 404. */
    public boolean isCatchAllOff() { return catchAllOff; }
    public void setCatchAllOff(boolean catchAllOff) { this.catchAllOff = catchAllOff; }
    /** The editor's traffic policies: the service's first, then one per version. */
    public List<PolicyForm> getPolicies() { return policies; }
    public void setPolicies(List<PolicyForm> policies) { this.policies = policies; }
    /** Which policy the editor shows ("" for all versions). */
    public String getPolicyScope() { return policyScope; }
    public void setPolicyScope(String policyScope) { this.policyScope = policyScope; }
    /** The consistent hash is written as trafficPolicy.loadBalancer rather than stickySession. */
    public boolean isHashInPolicy() { return hashInPolicy; }
    public void setHashInPolicy(boolean hashInPolicy) { this.hashInPolicy = hashInPolicy; }
}
