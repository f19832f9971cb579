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
        forms.put("dark", Map.of("darkHeader", "x-dark", "darkValue", "true", "darkVersion", "experimental",
                "defaultVersion", "original", "sticky", "none"));
        return forms;
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
