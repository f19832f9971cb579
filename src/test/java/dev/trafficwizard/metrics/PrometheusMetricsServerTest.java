package dev.trafficwizard.metrics;

import dev.trafficwizard.rollout.VersionFigures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * {@link PrometheusMetrics} against a real Prometheus scraping {@link IstioExporter} every second:
 * the figures a rollout's gates and the pages read, from the PromQL a user's Prometheus runs.
 */
class PrometheusMetricsServerTest {

    static final String MISSING = "/usr/bin/prometheus is missing: install Debian's prometheus package "
            + "(apt-get install prometheus; .ci/run does) to run the Prometheus client test";
    private static final ServiceRef REVIEWS = new ServiceRef("bookinfo", "reviews");
    private static final ServiceRef RATINGS = new ServiceRef("bookinfo", "ratings");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private static IstioExporter exporter;
    private static PrometheusServer prometheus;
    private static PrometheusMetrics metrics;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(PrometheusServer.BINARY)) {
            if (System.getenv("CI") != null) {
                fail(MISSING);
            }
            Assumptions.abort(MISSING);
        }
        exporter = new IstioExporter();
        prometheus = new PrometheusServer(exporter.target());
        metrics = new PrometheusMetrics(new MetricsProperties.Prometheus(prometheus.url(), null, null, Duration.ZERO));
        // enough scrapes for a window of 10 s, and Prometheus has them all in its head block
        await("15 scrapes of the exporter").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> exporter.scrapes() >= 15);
        await("the figures of every reviews version").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> metrics.figures(List.of(REVIEWS), WINDOW).get(REVIEWS).keySet()
                        .containsAll(List.of("v1", "v2", "v3")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void perVersionRequestsRatesSuccessAndP99ForSeveralServicesInOneGo() {
        Map<ServiceRef, Map<String, VersionFigures>> figures = metrics.figures(List.of(REVIEWS, RATINGS), WINDOW);
        assertThat(figures).containsOnlyKeys(REVIEWS, RATINGS);
        Map<String, VersionFigures> reviews = figures.get(REVIEWS);
        assertThat(reviews).containsOnlyKeys("v1", "v2", "v3");

        // the destination reporter alone: the source reporter's copies are not counted twice
        VersionFigures v1 = reviews.get("v1");
        assertThat(v1.requestsPerSecond()).isCloseTo(10, within(1.5));
        assertThat((double) v1.requests()).isCloseTo(100, within(25.0)); // increase() extrapolates
        assertThat(v1.successRate()).isCloseTo(100.0, within(1e-9)); // Prometheus divides floats
        assertThat(v1.p99Millis()).isCloseTo(49.6, within(0.5));  // within the (10, 50] bucket

        VersionFigures v2 = reviews.get("v2");
        assertThat(v2.requestsPerSecond()).isCloseTo(4, within(0.6));
        assertThat(v2.successRate()).isCloseTo(75, within(1.0));
        assertThat(v2.p99Millis()).isBetween(250.0, 500.0).isCloseTo(475, within(5.0));

        VersionFigures v3 = reviews.get("v3");   // only 503s: 0 %, not "no figure"
        assertThat(v3.successRate()).isCloseTo(0, within(0.001));
        assertThat(v3.requestsPerSecond()).isCloseTo(2, within(0.4));

        assertThat(figures.get(RATINGS)).containsOnlyKeys("v1");
        assertThat(figures.get(RATINGS).get("v1").requestsPerSecond()).isCloseTo(4, within(0.6));
    }

    @Test
    void theSparklineSeriesHasAPointPerMinuteOfTheLastHalfHourEndingWithTraffic() {
        Map<String, VersionFigures> reviews = metrics.figures("bookinfo", "reviews", WINDOW);
        List<Double> series = reviews.get("v1").rateSeries();
        assertThat(series).hasSize(PrometheusMetrics.SERIES_POINTS);
        // each point is the rate over the minute before it: Prometheus has seconds of data, so less than 10/s
        assertThat(series.get(series.size() - 1)).isGreaterThan(0).isLessThanOrEqualTo(11);
        assertThat(series.subList(0, series.size() - 2)).containsOnly(0.0); // before Prometheus started
        assertThat(series.get(series.size() - 1)).isGreaterThan(reviews.get("v3").rateSeries().get(series.size() - 1));
    }

    @Test
    void aServiceWithoutSeriesHasNoVersionsAndAHostileNameIsJustAnotherName() {
        ServiceRef hostile = new ServiceRef("bookinfo", "x\"}|.*|{\\");
        var figures = metrics.figures(List.of(new ServiceRef("bookinfo", "details"), hostile), WINDOW);
        assertThat(figures.get(new ServiceRef("bookinfo", "details"))).isEmpty();
        assertThat(figures.get(hostile)).isEmpty();
    }

    @Test
    void theAmbientReporterFindsNothingWhereOnlySidecarsReport() {
        PrometheusMetrics waypoint = new PrometheusMetrics(new MetricsProperties.Prometheus(prometheus.url(),
                "waypoint", null, null));
        assertThat(waypoint.figures("bookinfo", "reviews", WINDOW)).isEmpty();
    }

    @Test
    void aPrometheusThatIsDownIsUnavailableWithoutItsCredentials() throws Exception {
        int port = PrometheusServer.freePort();
        PrometheusMetrics down = new PrometheusMetrics(new MetricsProperties.Prometheus(
                "http://admin:s3cret@127.0.0.1:" + port, null, Duration.ofSeconds(2), null));
        assertThat(down.source()).isEqualTo("Prometheus at http://127.0.0.1:" + port).doesNotContain("s3cret");
        assertThatThrownBy(() -> down.figures("bookinfo", "reviews", WINDOW))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessage("Prometheus at http://127.0.0.1:" + port + " is unreachable (connection refused or no route)");
    }

    @Test
    void aWrongPathIsUnavailableAndSaysSo() {
        PrometheusMetrics wrong = new PrometheusMetrics(new MetricsProperties.Prometheus(prometheus.url() + "/nope",
                null, null, null));
        assertThatThrownBy(() -> wrong.figures("bookinfo", "reviews", WINDOW))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessageStartingWith("Prometheus at " + prometheus.url() + "/nope has no query API under this path (HTTP 404)");
    }
}
