package dev.trafficwizard.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A match entry in Istio's own vocabulary, the same in every language: {@code uri prefix /canary},
 * {@code header x-user = beta}, {@code authority = a.example.com}; fields joined by {@code ∧}.
 */
final class MatchNotation {

    private MatchNotation() {
    }

    static String of(HTTPMatchRequest m) {
        List<String> parts = new ArrayList<>();
        add(parts, "uri", m.getUri(), Boolean.TRUE.equals(m.getIgnoreUriCase()) ? " (i)" : "");
        add(parts, "authority", m.getAuthority(), "");
        add(parts, "method", m.getMethod(), "");
        sorted(m.getHeaders()).forEach((k, v) -> add(parts, "header " + k, v, ""));
        sorted(m.getWithoutHeaders()).forEach((k, v) -> add(parts, "¬header " + k, v, ""));
        sorted(m.getQueryParams()).forEach((k, v) -> add(parts, "query " + k, v, ""));
        if (m.getPort() != null) {
            parts.add("port " + m.getPort());
        }
        if (m.getSourceLabels() != null && !m.getSourceLabels().isEmpty()) {
            parts.add("sourceLabels " + new TreeMap<>(m.getSourceLabels()));
        }
        return parts.isEmpty() ? "*" : String.join(" ∧ ", parts);
    }

    private static void add(List<String> parts, String field, StringMatch match, String suffix) {
        if (match == null) {
            return;
        }
        Object type = match.getMatchType();
        String op;
        if (type instanceof StringMatchExact e) {
            op = " = " + e.getExact();
        } else if (type instanceof StringMatchPrefix p) {
            op = " prefix " + p.getPrefix();
        } else if (type instanceof StringMatchRegex x) {
            op = " ~ " + x.getRegex();
        } else {
            op = " present";
        }
        parts.add(field + op + suffix);
    }

    private static Map<String, StringMatch> sorted(Map<String, StringMatch> map) {
        TreeMap<String, StringMatch> out = new TreeMap<>();
        if (map != null) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
