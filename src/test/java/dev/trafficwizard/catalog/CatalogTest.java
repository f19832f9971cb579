package dev.trafficwizard.catalog;

import dev.trafficwizard.cluster.DemoClusterFixture;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogTest {

    DemoClusterFixture cluster;
    Catalog catalog;

    @BeforeEach
    void setUp() {
        cluster = new DemoClusterFixture();
        catalog = new Catalog(cluster.cache(), new CatalogProperties(null));
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void listsTheDemoServicesWithTheirVersionsAndPods() {
        List<ServiceSummary> services = catalog.page("", "", 0, 500).rows();
        assertThat(services).extracting(s -> s.namespace() + "/" + s.name()).containsExactly(
                "bookinfo/productpage", "bookinfo/ratings", "bookinfo/reviews",
                "default/fleetman-staff-service", "default/fleetman-webapp", "istio-system/istio-ingressgateway");
        ServiceSummary staff = services.get(3);
        assertThat(staff.versions()).extracting(VersionSummary::version, VersionSummary::ready,
                        VersionSummary::desired, VersionSummary::deployments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("safe", 2, 2, List.of("staff-service-safe")),
                        org.assertj.core.groups.Tuple.tuple("risky", 1, 1, List.of("staff-service-risky")));
        assertThat(staff.routing()).isEqualTo(RoutingState.NONE);
    }

    @Test
    void showsTheImplicitRoundRobinSplitByReadyPods() {
        ServiceSummary staff = catalog.service("default", "fleetman-staff-service").orElseThrow().summary();
        assertThat(staff.versions()).extracting(VersionSummary::implicitShare).containsExactly(67, 33);
        ServiceSummary reviews = catalog.service("bookinfo", "reviews").orElseThrow().summary();
        assertThat(reviews.versions()).extracting(VersionSummary::implicitShare).containsExactly(34, 33, 33);
        ServiceSummary ratings = catalog.service("bookinfo", "ratings").orElseThrow().summary();
        assertThat(ratings.hasImplicitSplit()).as("one version: no split to show").isFalse();
    }

    @Test
    void filtersByNamespaceAndName() {
        assertThat(catalog.page("bookinfo", "", 0, 500).rows()).hasSize(3);
        assertThat(catalog.page("", "fleet", 0, 500).rows()).extracting(ServiceSummary::name)
                .containsExactly("fleetman-staff-service", "fleetman-webapp");
        assertThat(catalog.page("bookinfo", "fleet", 0, 500).rows()).isEmpty();
        assertThat(catalog.namespaces()).containsExactly("bookinfo", "default", "istio-system");
    }

    @Test
    void routingNotCreatedByTrafficWizardIsUnmanaged() {
        cluster.client().resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("reviews-by-hand").withNamespace("bookinfo").endMetadata()
                .withNewSpec().withHosts("reviews").addNewHttp().addNewRoute().withNewDestination()
                .withHost("reviews").withSubset("v1").endDestination().endRoute().endHttp().endSpec()
                .build()).create();
        await(() -> catalog.service("bookinfo", "reviews").orElseThrow().routing() == RoutingState.UNMANAGED);

        ServiceDetail reviews = catalog.service("bookinfo", "reviews").orElseThrow();
        assertThat(reviews.routingObjects()).extracting(o -> o.getMetadata().getName())
                .containsExactly("reviews-by-hand");
        assertThat(reviews.summary().hasImplicitSplit()).as("routing decides, not round robin").isFalse();
        assertThat(catalog.service("bookinfo", "ratings").orElseThrow().routing()).isEqualTo(RoutingState.NONE);
    }

    @Test
    void fallsBackToTheNextVersionLabelInTheLookupOrder() {
        Map<String, String> labels = Map.of("app", "ratings", "app.kubernetes.io/version", "2.0");
        cluster.client().resource(new DeploymentBuilder()
                .withNewMetadata().withName("ratings-2").withNamespace("bookinfo").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().endTemplate().endSpec()
                .build()).create();
        Catalog byAppVersion = new Catalog(cluster.cache(),
                new CatalogProperties(List.of("app.kubernetes.io/version", "version")));
        await(() -> byAppVersion.service("bookinfo", "ratings").orElseThrow().summary().versions().size() == 1
                && byAppVersion.service("bookinfo", "ratings").orElseThrow().summary().versions().get(0)
                .version().equals("2.0"));
        assertThat(byAppVersion.service("bookinfo", "ratings").orElseThrow().summary().versionLabel())
                .isEqualTo("app.kubernetes.io/version");
    }

    @Test
    void unknownServiceIsEmpty() {
        assertThat(catalog.service("default", "nope")).isEmpty();
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition within 5 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
