package dev.trafficwizard.web;

import dev.trafficwizard.istio.YamlRenderer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Diagnostics as a YAML document, for clients that asked for YAML. */
final class DiagnosticYaml {

    private DiagnosticYaml() {
    }

    static String render(List<DiagnosticView> diagnostics) {
        String yaml = YamlRenderer.renderOne(Map.of("diagnostics", diagnostics.stream()
                .map(DiagnosticYaml::entry).toList()));
        return yaml;
    }

    private static Map<String, String> entry(DiagnosticView d) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("code", d.code());
        if (d.istioCode() != null) {
            entry.put("istioCode", d.istioCode());
        }
        entry.put("severity", d.severity());
        entry.put("message", d.message());
        entry.put("path", d.path());
        return entry;
    }
}
