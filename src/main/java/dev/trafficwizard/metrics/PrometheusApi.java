package dev.trafficwizard.metrics;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The HTTP side of Prometheus's query API: form POSTs to {@code /api/v1/query} and
 * {@code /api/v1/query_range}, every failure turned into a {@link MetricsUnavailableException}
 * whose message names the server without its credentials.
 */
final class PrometheusApi {

    private final URI base;
    private final String shown;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    PrometheusApi(String url, Duration timeout) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("traffic-wizard.metrics.prometheus.url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("traffic-wizard.metrics.prometheus.url must be an http(s) URL with a host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String hostPort = (uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost()) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        this.base = URI.create(scheme + "://" + hostPort + path);
        this.shown = this.base.toString();
        this.authorization = uri.getUserInfo() == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The server as pages may show it: scheme, host, port and path, never the credentials. */
    String shown() {
        return shown;
    }

    /** An instant query at {@code time} (epoch seconds). */
    CompletableFuture<String> query(String promql, double time) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("time", String.format(Locale.ROOT, "%.3f", time));
        return post("/api/v1/query", form);
    }

    /** A range query from {@code start} to {@code end} (epoch seconds), one point per {@code step} seconds. */
    CompletableFuture<String> queryRange(String promql, long start, long end, long step) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("start", Long.toString(start));
        form.put("end", Long.toString(end));
        form.put("step", step + "s");
        return post("/api/v1/query_range", form);
    }

    private CompletableFuture<String> post(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + endpoint))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(this::successBody);
    }

    /** The body of a query's answer, or the reason there is none. */
    String answer(CompletableFuture<String> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsUnavailableException("Interrupted while asking Prometheus at " + shown, e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private String successBody(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        String why = switch (status) {
            case 401, 403 -> "refused the credentials";
            case 404 -> "has no query API under this path";
            default -> "answered an error";
        };
        throw new MetricsUnavailableException("Prometheus at " + shown + " " + why + " (HTTP " + status + ")"
                + prometheusError(response.body()));
    }

    private static String prometheusError(String body) {
        try {
            JsonNode root = JsonMapper.shared().readTree(body == null ? "" : body);
            return root != null && root.isObject() && root.has("error") ? ": " + PromAnswers.error(root) : "";
        } catch (JacksonException e) {
            return "";
        }
    }

    private MetricsUnavailableException failure(Throwable cause) {
        Throwable c = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof MetricsUnavailableException m) {
            return m;
        }
        if (c instanceof HttpConnectTimeoutException) {
            return new MetricsUnavailableException("Prometheus at " + shown + " could not be reached within "
                    + seconds(timeout), c);
        }
        if (c instanceof HttpTimeoutException) {
            return new MetricsUnavailableException("Prometheus at " + shown + " did not answer within "
                    + seconds(timeout), c);
        }
        if (c instanceof ConnectException) {
            return new MetricsUnavailableException("Prometheus at " + shown + " is unreachable (connection refused"
                    + " or no route)", c);
        }
        if (c instanceof IOException) {
            return new MetricsUnavailableException("Prometheus at " + shown + " could not be read: "
                    + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " " + c.getMessage()), c);
        }
        return new MetricsUnavailableException("Prometheus at " + shown + " could not be asked: " + c, c);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
