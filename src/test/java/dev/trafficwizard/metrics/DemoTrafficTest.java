package dev.trafficwizard.metrics;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.TestCatalogs;
import dev.trafficwizard.cluster.DemoClusterFixture;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.rollout.VersionFigures;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DemoTrafficTest {

    private static DemoClusterFixture cluster;
    private static Catalog catalog;
    private static final String REVIEWS_HOST = "reviews.bookinfo.svc.cluster.local";

    @BeforeAll
    static void start() {
        cluster = new DemoClusterFixture();
        catalog = TestCatalogs.of(cluster.cache());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private static DemoTraffic demo(MovingClock clock, String... failing) {
        return new DemoTraffic(catalog, new MetricsProperties.Demo(null, List.of(failing)), clock);
    }

    @Test
    void theImplicitSplitDividesTheServicesRequestsHealthily() {
        DemoTraffic demo = demo(new MovingClock());
        Map<String, VersionFigures> staff = demo.figures("default", "fleetman-staff-service", Duration.ofMinutes(1));
        // 2 of 3 ready pods: 67 % of 20 req/s over 60 s
        assertThat(staff).containsOnlyKeys("safe", "risky");
        assertThat(staff.get("safe")).isEqualTo(new VersionFigures("safe", 804, 13.4, 99.5, 80.0, List.of(13.4)));
        assertThat(staff.get("risky")).isEqualTo(new VersionFigures("risky", 396, 6.6, 99.5, 80.0, List.of(6.6)));
        assertThat(demo.source()).isEqualTo("Simulated demo traffic");
        assertThat(demo.available()).isTrue();
    }

    @Test
    void aSingleVersionGetsAllRequestsAndAnUnknownServiceNone() {
        DemoTraffic demo = demo(new MovingClock());
        var figures = demo.figures(List.of(new ServiceRef("bookinfo", "ratings"), new ServiceRef("bookinfo", "nope")),
                Duration.ofSeconds(30));
        assertThat(figures.get(new ServiceRef("bookinfo", "ratings")).get("v1").requests()).isEqualTo(600);
        assertThat(figures.get(new ServiceRef("bookinfo", "nope"))).isEmpty();
    }

    @Test
    void aFailingVersionAnswersThirtyPercentErrorsSlowlyAndTheKnobTurnsItBack() {
        DemoTraffic demo = demo(new MovingClock(), "default/fleetman-webapp/experimental");
        assertThat(demo.failing("default", "fleetman-webapp", "experimental")).isTrue();
        VersionFigures bad = demo.figures("default", "fleetman-webapp", Duration.ofMinutes(1)).get("experimental");
        assertThat(bad.successRate()).isEqualTo(70.0);
        assertThat(bad.p99Millis()).isEqualTo(900.0);
        assertThat(demo.figures("default", "fleetman-webapp", Duration.ofMinutes(1)).get("original").successRate())
                .isEqualTo(99.5);

        demo.fail("default", "fleetman-webapp", "experimental", false);
        assertThat(demo.failing("default", "fleetman-webapp", "experimental")).isFalse();
        assertThat(demo.figures("default", "fleetman-webapp", Duration.ofMinutes(1)).get("experimental").successRate())
                .isEqualTo(99.5);
        demo.fail("bookinfo", "reviews", "v3", true);
        assertThat(demo.failing("bookinfo", "reviews", "v3")).isTrue();
        assertThat(demo.failing("bookinfo", "reviews", "v2")).isFalse();
    }

    @Test
    void aFailingListEntryThatIsNotNamespaceServiceVersionStopsTheStart() {
        assertThatThrownBy(() -> demo(new MovingClock(), "bookinfo/reviews"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bookinfo/reviews' is not namespace/service/version");
    }

    @Test
    void theRoutedSplitDecidesAndTheSparklineFollowsItsChanges() {
        MovingClock clock = new MovingClock();
        DemoTraffic demo = demo(clock);
        Map<String, VersionFigures> before = demo.figures("bookinfo", "reviews", Duration.ofMinutes(1));
        assertThat(before.get("v1").requestsPerSecond()).isEqualTo(6.8);   // 34 % of 20

        route(90, 10);
        clock.advance(Duration.ofMinutes(3)); // two minutes nobody looked: the last sample holds
        Map<String, VersionFigures> after = demo.figures("bookinfo", "reviews", Duration.ofMinutes(1));
        assertThat(after.get("v1").requests()).isEqualTo(1080);
        assertThat(after.get("v3").requests()).isEqualTo(120);
        assertThat(after.get("v2")).isEqualTo(new VersionFigures("v2", 0, 0, null, null, List.of(6.6, 6.6, 6.6, 0.0)));
        assertThat(after.get("v1").rateSeries()).containsExactly(6.8, 6.8, 6.8, 18.0);
        assertThat(after.get("v3").rateSeries()).containsExactly(6.6, 6.6, 6.6, 2.0);

        clock.advance(Duration.ofHours(2)); // the ring keeps 30 samples, no more
        assertThat(demo.figures("bookinfo", "reviews", Duration.ofMinutes(1)).get("v1").rateSeries())
                .hasSize(30).containsOnly(18.0);

        cluster.client().resources(VirtualService.class).inNamespace("bookinfo").withName("reviews").delete();
        cluster.client().resources(io.fabric8.istio.api.networking.v1.DestinationRule.class).inNamespace("bookinfo")
                .withName("reviews").delete();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                !catalog.service("bookinfo", "reviews").orElseThrow().summary().hasRoutedSplit());
    }

    private static void route(int v1, int v3) {
        cluster.client().resource(new DestinationRuleBuilder()
                .withNewMetadata().withName("reviews").withNamespace("bookinfo")
                .addToLabels(Managed.LABEL, "traffic-wizard").endMetadata()
                .withNewSpec().withHost(REVIEWS_HOST)
                .addNewSubset().withName("v1").addToLabels("version", "v1").endSubset()
                .addNewSubset().withName("v2").addToLabels("version", "v2").endSubset()
                .addNewSubset().withName("v3").addToLabels("version", "v3").endSubset().endSpec().build()).create();
        cluster.client().resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("reviews").withNamespace("bookinfo")
                .addToLabels(Managed.LABEL, "traffic-wizard").endMetadata()
                .withNewSpec().withHosts(REVIEWS_HOST).addNewHttp()
                .addNewRoute().withNewDestination().withHost(REVIEWS_HOST).withSubset("v1").endDestination()
                .withWeight(v1).endRoute()
                .addNewRoute().withNewDestination().withHost(REVIEWS_HOST).withSubset("v3").endDestination()
                .withWeight(v3).endRoute().endHttp().endSpec().build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                catalog.service("bookinfo", "reviews").orElseThrow().summary().hasRoutedSplit());
    }
}
