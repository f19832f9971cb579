package dev.trafficwizard.metrics;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@link PrometheusMetrics} talks HTTP and fails, against a canned server (the figures
 * themselves are tested against a real Prometheus in {@link PrometheusMetricsServerTest}).
 */
class PrometheusMetricsTest {

    private static final String EMPTY = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
    private static final String EMPTY_MATRIX = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/prom/api/v1/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + URLDecoder.decode(form, StandardCharsets.UTF_8));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "none" : auth);
            if (hang) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String answer = body != null ? body
                    : exchange.getRequestURI().getPath().endsWith("query_range") ? EMPTY_MATRIX : EMPTY;
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private String url(String credentials) {
        return "http://" + credentials + "127.0.0.1:" + server.getAddress().getPort() + "/prom/";
    }

    private PrometheusMetrics metrics(String credentials, Duration timeout, Duration cacheTtl) {
        return new PrometheusMetrics(new MetricsProperties.Prometheus(url(credentials), null, timeout, cacheTtl));
    }

    @Test
    void fiveQueriesForAllServicesPostedAsFormsWithBasicAuthFromTheUrl() {
        PrometheusMetrics metrics = metrics("ann:p%40ss@", null, null);
        var figures = metrics.figures(List.of(new ServiceRef("a", "x"), new ServiceRef("b", "y")), Duration.ofMinutes(2));
        assertThat(figures).containsOnlyKeys(new ServiceRef("a", "x"), new ServiceRef("b", "y"));
        assertThat(requests).hasSize(5).allMatch(r -> r.startsWith("POST /prom/api/v1/query"));
        assertThat(requests.stream().filter(r -> r.contains("query_range"))).singleElement().asString()
                .contains("step=60s");
        assertThat(requests).allMatch(r -> r.contains("destination_service=~\"x\\\\.a\\\\.svc\\\\.cluster\\\\.local|"
                + "y\\\\.b\\\\.svc\\\\.cluster\\\\.local\""));
        assertThat(requests.stream().filter(r -> r.contains("[2m]"))).hasSize(4);
        assertThat(authorizations).containsOnly("Basic " + java.util.Base64.getEncoder()
                .encodeToString("ann:p@ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(metrics.source()).isEqualTo("Prometheus at http://127.0.0.1:" + server.getAddress().getPort() + "/prom");
    }

    @Test
    void answersAreReusedForAFewSecondsPerServiceAndWindow() {
        PrometheusMetrics metrics = metrics("", null, Duration.ofMinutes(1));
        ServiceRef a = new ServiceRef("a", "x");
        ServiceRef b = new ServiceRef("b", "y");
        metrics.figures(List.of(a, b), Duration.ofMinutes(1));
        metrics.figures("a", "x", Duration.ofMinutes(1));
        assertThat(requests).hasSize(5);
        metrics.figures(List.of(a, new ServiceRef("c", "z")), Duration.ofMinutes(1)); // only c is asked
        assertThat(requests).hasSize(10);
        assertThat(requests.subList(5, 10)).allMatch(r -> r.contains("z\\\\.c\\\\.svc") && !r.contains("x\\\\.a\\\\.svc"));
        metrics.figures("a", "x", Duration.ofMinutes(5)); // another window
        assertThat(requests).hasSize(15);
    }

    @Test
    void anErrorAnswerCarriesPrometheusWordsAndNoCredentials() {
        status = 400;
        body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:14: parse error\"}";
        assertThatThrownBy(() -> metrics("ann:secret@", null, null).figures("a", "x", Duration.ofMinutes(1)))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessage("Prometheus at " + url("").replaceAll("/$", "")
                        + " answered an error (HTTP 400): bad_data: 1:14: parse error")
                .message().doesNotContain("secret");
    }

    @Test
    void refusedCredentialsAndPagesThatAreNotJsonAreUnavailable() {
        status = 401;
        body = "Unauthorized";
        assertThatThrownBy(() -> metrics("", null, null).figures("a", "x", Duration.ofMinutes(1)))
                .isInstanceOf(MetricsUnavailableException.class).hasMessageEndingWith("refused the credentials (HTTP 401)");
        status = 200;
        body = "<html>Sign in</html>";
        assertThatThrownBy(() -> metrics("", null, null).figures("a", "x", Duration.ofMinutes(1)))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessageStartingWith("Prometheus answered something that is not JSON");
    }

    @Test
    void aSlowPrometheusTimesOut() {
        hang = true;
        assertThatThrownBy(() -> metrics("ann:secret@", Duration.ofMillis(300), null).figures("a", "x", Duration.ofMinutes(1)))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessage("Prometheus at " + url("").replaceAll("/$", "") + " did not answer within 300ms");
    }

    @Test
    void aUrlThatIsNotHttpStopsTheStartWithoutEchoingIt() {
        assertThatThrownBy(() -> new PrometheusMetrics(new MetricsProperties.Prometheus("ftp://u:secret@x", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("traffic-wizard.metrics.prometheus.url must be an http(s) URL with a host");
        assertThatThrownBy(() -> new PrometheusMetrics(new MetricsProperties.Prometheus("http://u:secret@x y", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("secret");
    }
}
