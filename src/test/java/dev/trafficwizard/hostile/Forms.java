package dev.trafficwizard.hostile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid posts of each routing form on the demo cluster, and every field each form has. */
final class Forms {

    static final List<String> SIMULATOR = List.of("simHost", "simPath", "simMethod", "simHeaders", "simSource");

    /** Field names nobody's browser sends: indexes out of range or not numbers, nested, binder tricks. */
    static final List<String> ODD_NAMES = List.of("rules[300].name", "rules[-1].name", "rules[x].value",
            "rules[2147483648].version", "version[100000]", "weight[99999]", "hostRoutes[999].host", "rules[0]",
            "rules[0].name.length", "class.module.classLoader.resources.context.parent.pipeline.first.pattern",
            "form.baseVersion", "rules[0][1]", "weight[]", "version");

    private static final List<String> COMMON = List.of("baseVersion", "rollbackOf", "hosts", "exposure",
            "includeMesh", "sticky", "keepVersions", "_csrf");

    private Forms() {
    }

    static Map<String, Map<String, String>> valid() {
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("weighted", Map.of("version[0]", "safe", "weight[0]", "90", "version[1]", "risky", "weight[1]", "10",
                "exposure", "mesh", "sticky", "none"));
        forms.put("header", Map.of("rules[0].name", "x-canary", "rules[0].op", "exact", "rules[0].value", "true",
                "rules[0].version", "experimental", "defaultVersion", "original", "exposure", "mesh", "sticky", "none"));
        forms.put("uri", Map.of("rules[0].op", "prefix", "rules[0].value", "/experimental",
                "rules[0].version", "experimental", "defaultVersion", "original", "exposure", "mesh", "sticky", "none"));
        var subdomain = new LinkedHashMap<String, String>();
        subdomain.putAll(Map.of("domain", "fleetman.com", "hostRoutes[0].host", "fleetman.com",
                "hostRoutes[0].version", "original", "hostRoutes[1].host", "experimental.fleetman.com",
                "hostRoutes[1].version", "experimental", "exposure", "new", "gatewayName", "fleetman-gateway",
                "port", "80", "sticky", "none"));
        forms.put("subdomain", subdomain);
        forms.put("rules", rulesEditor());
        forms.put("dark", Map.of("darkHeader", "x-dark", "darkValue", "true", "darkVersion", "experimental",
                "defaultVersion", "original", "sticky", "none"));
        return forms;
    }

    /**
     * The rules editor (#16): a header rule to experimental, the catch-all 90/10 with a mirror, a fault,
     * a timeout, retries and a header change; a service policy and one for a version.
     */
    static Map<String, String> rulesEditor() {
        Map<String, String> form = new LinkedHashMap<>();
        form.putAll(Map.of("editor[0].match[0].conds[0].field", "header", "editor[0].match[0].conds[0].name", "x-beta",
                "editor[0].match[0].conds[0].op", "exact", "editor[0].match[0].conds[0].value", "true",
                "editor[0].version[0]", "experimental", "editor[0].weight[0]", "100",
                "editor[1].version[0]", "original", "editor[1].weight[0]", "90",
                "editor[1].version[1]", "experimental", "editor[1].weight[1]", "10"));
        form.putAll(Map.of("editor[1].mirrorVersion", "experimental", "editor[1].mirrorPercent", "10",
                "editor[1].delayFixed", "1s", "editor[1].delayPercent", "5", "editor[1].abortStatus", "503",
                "editor[1].abortPercent", "1", "editor[1].timeout", "2s", "editor[1].retryAttempts", "2",
                "editor[1].perTryTimeout", "500ms", "editor[1].retryOn", "5xx"));
        form.putAll(Map.of("editor[1].headerChanges[0].target", "request", "editor[1].headerChanges[0].op", "set",
                "editor[1].headerChanges[0].name", "x-route", "editor[1].headerChanges[0].value", "wizard",
                "policies[0].scope", "", "policies[0].consecutive5xx", "5", "policies[0].interval", "10s",
                "policies[0].baseEjectionTime", "30s", "policies[1].scope", "experimental",
                "policies[1].maxConnections", "10"));
        form.putAll(Map.of("exposure", "mesh", "sticky", "none"));
        return form;
    }

    /** The rules editor's fields: rule, condition (per kind of condition), header change and policy fields. */
    static final List<String> RULES_EDITOR_FIELDS = List.of(
            "editor[0].match[0].conds[0].field", "editor[0].match[0].conds[0].op", "editor[0].match[0].conds[0].name",
            "editor[0].match[0].conds[0].value", "editor[0].version[0]", "editor[0].weight[0]",
            "editor[1].version[1]", "editor[1].weight[1]", "editor[1].keepZero", "editor[1].explicitLone",
            "editor[1].open", "editor[1].mirrorVersion", "editor[1].mirrorPercent", "editor[1].delayFixed",
            "editor[1].delayPercent", "editor[1].abortStatus", "editor[1].abortPercent", "editor[1].timeout",
            "editor[1].retryAttempts", "editor[1].perTryTimeout", "editor[1].retryOn", "editor[1].retryOnOther",
            "editor[1].headerChanges[0].target", "editor[1].headerChanges[0].op", "editor[1].headerChanges[0].name",
            "editor[1].headerChanges[0].value", "policies[0].scope", "policies[0].tlsMode", "policies[0].lb",
            "policies[0].hashKey", "policies[0].maxConnections", "policies[0].connectTimeout", "policies[0].maxPending",
            "policies[0].http2MaxRequests", "policies[0].maxRequestsPerConnection", "policies[0].maxRetries",
            "policies[0].consecutive5xx", "policies[0].interval", "policies[0].baseEjectionTime",
            "policies[0].maxEjectionPercent", "policies[1].scope", "policies[1].maxConnections", "catchAllOff",
            "policyScope", "hashInPolicy", "editor[60].timeout", "editor[0].match[60].conds[0].value",
            "policies[60].lb", "editor[0].match", "policies");

    /** Fields that matter only with others set: {@code name (what)} → those others. */
    static Map<String, Map<String, String>> rulesEditorConditional() {
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        String c = "editor[0].match[0].conds[0].";
        fields.put(c + "value (port)", Map.of(c + "field", "port", c + "op", "exact"));
        fields.put(c + "name (sourceLabel)", Map.of(c + "field", "sourceLabel"));
        fields.put(c + "value (sourceLabel)", Map.of(c + "field", "sourceLabel"));
        fields.put(c + "value (uri regex)", Map.of(c + "field", "uri", c + "op", "regex"));
        fields.put(c + "value (withoutHeader)", Map.of(c + "field", "withoutHeader"));
        fields.put(c + "name (query)", Map.of(c + "field", "query"));
        fields.put(c + "value (method)", Map.of(c + "field", "method"));
        fields.put(c + "value (authority prefix)", Map.of(c + "field", "authority", c + "op", "prefix"));
        String p = "policies[0].";
        fields.put(p + "tlsCredential", Map.of(p + "tlsMode", "SIMPLE"));
        fields.put(p + "tlsSni", Map.of(p + "tlsMode", "SIMPLE", p + "tlsCredential", "ca"));
        fields.put(p + "hashHeader", Map.of(p + "lb", "hash", p + "hashKey", "header"));
        fields.put(p + "cookieName", Map.of(p + "lb", "hash", p + "hashKey", "cookie", p + "cookieTtl", "10s"));
        fields.put(p + "cookiePath", Map.of(p + "lb", "hash", p + "hashKey", "cookie", p + "cookieName", "u"));
        fields.put(p + "cookieTtl", Map.of(p + "lb", "hash", p + "hashKey", "cookie", p + "cookieName", "u"));
        fields.put(p + "hashQuery", Map.of(p + "lb", "hash", p + "hashKey", "query"));
        return fields;
    }

    /** Each field of a form, with what else must be set for the field to matter (e.g. sticky=cookie). */
    static Map<String, Map<String, String>> fields(String kind) {
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        switch (kind) {
            case "weighted" -> List.of("version[0]", "weight[0]", "version[1]", "weight[1]")
                    .forEach(f -> fields.put(f, Map.of()));
            case "header" -> List.of("rules[0].name", "rules[0].op", "rules[0].value", "rules[0].version",
                    "defaultVersion").forEach(f -> fields.put(f, Map.of()));
            case "uri" -> List.of("rules[0].op", "rules[0].value", "rules[0].version", "defaultVersion")
                    .forEach(f -> fields.put(f, Map.of()));
            case "subdomain" -> List.of("domain", "hostRoutes[0].host", "hostRoutes[0].version",
                    "hostRoutes[1].host", "defaultVersion").forEach(f -> fields.put(f, Map.of()));
            case "dark" -> List.of("darkHeader", "darkValue", "darkVersion", "defaultVersion")
                    .forEach(f -> fields.put(f, Map.of()));
            case "rules" -> {
                RULES_EDITOR_FIELDS.forEach(f -> fields.put(f, Map.of()));
                fields.putAll(rulesEditorConditional());
            }
            default -> throw new IllegalArgumentException(kind);
        }
        for (String f : List.of("rules[0].op", "rules[0].value")) {
            if (kind.equals("header")) {
                fields.put(f + " (regex)", Map.of("rules[0].op", "regex"));
            }
        }
        COMMON.forEach(f -> fields.put(f, Map.of()));
        if (!kind.equals("dark")) {
            fields.put("gatewayName", Map.of("exposure", "new"));
            fields.put("gatewayHosts", Map.of("exposure", "new"));
            fields.put("port", Map.of("exposure", "new"));
            fields.put("credentialName", Map.of("exposure", "new", "port", "443"));
            fields.put("existingGateway", Map.of("exposure", "existing"));
        }
        fields.put("stickyHeader", Map.of("sticky", "header"));
        fields.put("cookieName", Map.of("sticky", "cookie", "cookiePath", "/", "cookieTtl", "10s"));
        fields.put("cookiePath", Map.of("sticky", "cookie", "cookieName", "user", "cookieTtl", "10s"));
        fields.put("cookieTtl", Map.of("sticky", "cookie", "cookieName", "user", "cookiePath", "/"));
        fields.put("stickyQuery", Map.of("sticky", "query"));
        fields.put("versionCookie", Map.of("keepVersions", "true", "sticky", "sourceIp"));
        ODD_NAMES.forEach(f -> fields.put(f, Map.of()));
        return fields;
    }

    static Map<String, String> simulatorDefaults() {
        return Map.of("simHost", "", "simPath", "/", "simMethod", "GET", "simHeaders", "x-canary: true",
                "simSource", "mesh");
    }
}
