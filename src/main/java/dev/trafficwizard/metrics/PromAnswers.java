package dev.trafficwizard.metrics;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON answers of Prometheus's HTTP API ({@code /api/v1/query} vectors and
 * {@code /api/v1/query_range} matrices) into numbers per service and version. NaN and infinite
 * values (a quantile or a share without requests) are read as no figure.
 */
final class PromAnswers {

    /** The version Istio reports for a workload without a version label. */
    static final String UNKNOWN_VERSION = "unknown";

    /** One {@code destination_service} (FQDN) and {@code destination_version}. */
    record Series(String service, String version) {
    }

    private PromAnswers() {
    }

    /** An instant vector: each series' value, null for NaN or infinity. */
    static Map<Series, Double> vector(String body) {
        JsonNode result = result(body, "vector");
        Map<Series, Double> out = new LinkedHashMap<>();
        for (JsonNode sample : result) {
            JsonNode value = sample.path("value");
            out.put(series(sample), number(value.path(1)));
        }
        return out;
    }

    /**
     * A range matrix as {@code points} values per series, one per step from {@code start} (epoch
     * seconds); a step without a sample is 0 (nothing was requested then).
     */
    static Map<Series, List<Double>> matrix(String body, long start, long step, int points) {
        JsonNode result = result(body, "matrix");
        Map<Series, List<Double>> out = new LinkedHashMap<>();
        for (JsonNode sample : result) {
            List<Double> values = new ArrayList<>(Collections.nCopies(points, 0.0));
            for (JsonNode point : sample.path("values")) {
                long index = Math.round((point.path(0).asDouble() - start) / step);
                Double v = number(point.path(1));
                if (index >= 0 && index < points && v != null) {
                    values.set((int) index, v);
                }
            }
            out.put(series(sample), values);
        }
        return out;
    }

    private static JsonNode result(String body, String expectedType) {
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(body);
        } catch (JacksonException e) {
            throw new MetricsUnavailableException("Prometheus answered something that is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MetricsUnavailableException("Prometheus answered something that is not a JSON object");
        }
        String status = root.path("status").asString("");
        if (!"success".equals(status)) {
            throw new MetricsUnavailableException("Prometheus refused the query: "
                    + error(root));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asString("");
        if (!expectedType.equals(type) || !data.path("result").isArray()) {
            throw new MetricsUnavailableException("Prometheus answered a " + (type.isEmpty() ? "result without type" : type)
                    + " where a " + expectedType + " was expected");
        }
        return data.path("result");
    }

    /** Prometheus's own words for a failed query ({@code errorType: error}), shortened. */
    static String error(JsonNode root) {
        String type = root.path("errorType").asString("");
        String error = root.path("error").asString("");
        String text = type.isEmpty() ? error : error.isEmpty() ? type : type + ": " + error;
        text = text.isEmpty() ? "status " + root.path("status").asString("missing") : text;
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static Series series(JsonNode sample) {
        JsonNode metric = sample.path("metric");
        String version = metric.path("destination_version").asString("");
        return new Series(metric.path("destination_service").asString(""),
                version.isEmpty() ? UNKNOWN_VERSION : version);
    }

    private static Double number(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.isString() ? value.asString() : value.toString();
        try {
            double d = Double.parseDouble(text);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;  // "+Inf", "-Inf" and anything else that is no finite number
        }
    }
}
