package dev.trafficwizard.istio;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of Istio's CRDs, which the JSON schema check
 * does not run: the API server would. The CRDs use only a few rules, evaluated here by hand; an
 * unknown one fails loudly so a CRD update cannot slip one past the tests.
 */
final class IstioCelRules {

    private static final Pattern AT_MOST_ONE = Pattern.compile(
            "\\(has\\(self\\.(\\w+)\\) \\? 1 : 0\\) \\+ \\(has\\(self\\.(\\w+)\\) \\? 1 : 0\\) <= 1");

    private IstioCelRules() {
    }

    /** "path: message" for each rule the value breaks, walking the value along its schema. */
    static List<String> violations(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        walk(schema, value, "", out);
        return out;
    }

    private static void walk(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (schema == null || schema.isMissingNode() || value == null || value.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            if (!holds(rule.path("rule").asText().replaceAll("\\s+", " "), value)) {
                out.add(at + ": " + rule.path("message").asText(rule.path("rule").asText()));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                JsonNode child = properties.has(field.getKey()) ? properties.get(field.getKey())
                        : additional.isObject() ? additional : null;
                walk(child, field.getValue(), at + "." + field.getKey(), out);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.path("items"), value.get(i), at + "[" + i + "]", out);
            }
        }
    }

    private static boolean holds(String rule, JsonNode self) {
        if (rule.equals("duration(self) >= duration('1ms')")) {
            java.util.OptionalLong nanos = dev.trafficwizard.routing.Durations.nanos(self.asText());
            return nanos.isPresent() && nanos.getAsLong() >= 1_000_000L;
        }
        if (rule.equals("!self.contains(\"*\")")) {
            return !self.asText().contains("*");
        }
        if (rule.equals("self.all(key, !key.contains(\"*\"))")) {
            Iterator<String> keys = self.fieldNames();
            while (keys.hasNext()) {
                if (keys.next().contains("*")) {
                    return false;
                }
            }
            return true;
        }
        Matcher m = AT_MOST_ONE.matcher(rule);
        if (m.matches()) {
            return (self.has(m.group(1)) ? 1 : 0) + (self.has(m.group(2)) ? 1 : 0) <= 1;
        }
        throw new IllegalStateException("CEL rule not evaluated by the tests: " + rule);
    }
}
