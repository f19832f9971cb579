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
        List<ServiceSummary> services = catalog.page("", "", 0, 500).rows().stream()
                .filter(s -> !s.namespace().equals("legacy")).toList();
        assertThat(services).extracting(s -> s.namespace() + "/" + s.name()).containsExactly(
                "ambient/inventory", "ambient/payments",
                "bookinfo/details", "bookinfo/productpage", "bookinfo/ratings", "bookinfo/reviews",
                "default/fleetman-staff-service", "default/fleetman-webapp", "istio-system/istio-ingressgateway");
        assertThat(catalog.page("", "", 0, 500).total()).as("with the 12 services of legacy").isEqualTo(21);
        ServiceSummary staff = services.get(6);
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
        assertThat(catalog.page("bookinfo", "", 0, 500).rows()).hasSize(4);
        assertThat(catalog.page("", "fleet", 0, 500).rows()).extracting(ServiceSummary::name)
                .containsExactly("fleetman-staff-service", "fleetman-webapp");
        assertThat(catalog.page("bookinfo", "fleet", 0, 500).rows()).isEmpty();
        assertThat(catalog.namespaces()).containsExactly("ambient", "bookinfo", "default", "istio-system", "legacy");
    }

    @Test
    void aPageAmongGivenServicesSkipsHostsThatAreNoServiceAndKeepsTheOtherFilters() {
        java.util.Set<String> only = java.util.Set.of("reviews.bookinfo.svc.cluster.local",
                "catalog.legacy.svc.cluster.local", "orders.legacy.svc.cluster.local",
                "shop.example.org", "gone.legacy.svc.cluster.local");
        assertThat(catalog.page("", "", only, 0, 50).rows()).extracting(s -> s.namespace() + "/" + s.name())
                .containsExactly("bookinfo/reviews", "legacy/catalog", "legacy/orders");
        assertThat(catalog.page("legacy", "", only, 0, 50).total()).isEqualTo(2);
        assertThat(catalog.page("", "ord", only, 0, 50).rows()).extracting(ServiceSummary::name).containsExactly("orders");
        Catalog.ServicePage second = catalog.page("", "", only, 1, 2);
        assertThat(second.rows()).extracting(ServiceSummary::name).containsExactly("orders");
        assertThat(second.pages()).isEqualTo(2);
        assertThat(catalog.exists("orders.legacy.svc.cluster.local")).isTrue();
        assertThat(catalog.exists("shop.example.org")).isFalse();
    }

    @Test
    void aMeshVirtualServiceWithAWildcardHostRoutesTheServicesItCovers() {
        cluster.client().resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("all-of-bookinfo").withNamespace("bookinfo").endMetadata()
                .withNewSpec().withHosts("*.bookinfo.svc.cluster.local").addNewHttp().addNewRoute().withNewDestination()
                .withHost("productpage.bookinfo.svc.cluster.local").endDestination().endRoute().endHttp().endSpec()
                .build()).create();
        await(() -> !catalog.service("bookinfo", "ratings").orElseThrow().routes().mesh().noVirtualService());

        var mesh = catalog.service("bookinfo", "ratings").orElseThrow().routes().mesh();
        assertThat(mesh.virtualService()).isEqualTo("bookinfo/all-of-bookinfo");
        assertThat(mesh.otherwiseLabel()).isEqualTo("productpage.bookinfo.svc.cluster.local 100 %");
        assertThat(catalog.page("bookinfo", "ratings", 0, 10).rows().get(0).routes())
                .as("the services row reads the same model").isNotEmpty();
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
    void aSummaryIsReusedUntilOneOfItsObjectsChangesAndThenFollowsTheChange() {
        ServiceSummary before = catalog.service("bookinfo", "reviews").orElseThrow().summary();
        assertThat(catalog.service("bookinfo", "reviews").orElseThrow().summary()).as("nothing changed")
                .isSameAs(before);
        assertThat(before.versions()).extracting(VersionSummary::ready).containsExactly(1, 1, 1);

        cluster.client().apps().deployments().inNamespace("bookinfo").withName("reviews-v2")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(3).endSpec().build());
        await(() -> catalog.service("bookinfo", "reviews").orElseThrow().summary().versions().stream()
                .anyMatch(v -> v.version().equals("v2") && v.desired() == 3));

        String host = "reviews.bookinfo.svc.cluster.local";
        cluster.client().resource(new io.fabric8.istio.api.networking.v1.DestinationRuleBuilder()
                .withNewMetadata().withName("reviews").withNamespace("bookinfo")
                .addToLabels(dev.trafficwizard.istio.Managed.LABEL, "traffic-wizard").endMetadata()
                .withNewSpec().withHost(host)
                .addNewSubset().withName("v1").addToLabels("version", "v1").endSubset()
                .addNewSubset().withName("v2").addToLabels("version", "v2").endSubset()
                .addNewSubset().withName("v3").addToLabels("version", "v3").endSubset().endSpec().build()).create();
        cluster.client().resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("reviews").withNamespace("bookinfo")
                .addToLabels(dev.trafficwizard.istio.Managed.LABEL, "traffic-wizard").endMetadata()
                .withNewSpec().withHosts(host).addNewHttp()
                .addNewRoute().withNewDestination().withHost(host).withSubset("v1").endDestination().withWeight(70)
                .endRoute()
                .addNewRoute().withNewDestination().withHost(host).withSubset("v3").endDestination().withWeight(30)
                .endRoute().endHttp().endSpec().build()).create();
        await(() -> routedShares().equals(Map.of("v1", 70, "v2", 0, "v3", 30)));
        assertThat(catalog.service("bookinfo", "reviews").orElseThrow().summary().routing())
                .isEqualTo(RoutingState.MANAGED);

        cluster.client().resources(io.fabric8.istio.api.networking.v1.VirtualService.class).inNamespace("bookinfo")
                .withName("reviews").edit(vs -> {
                    vs.getSpec().getHttp().get(0).getRoute().get(0).setWeight(40);
                    vs.getSpec().getHttp().get(0).getRoute().get(1).setWeight(60);
                    return vs;
                });
        await(() -> routedShares().equals(Map.of("v1", 40, "v2", 0, "v3", 60)));

        cluster.client().resources(io.fabric8.istio.api.networking.v1.VirtualService.class).inNamespace("bookinfo")
                .withName("reviews").delete();
        cluster.client().resources(io.fabric8.istio.api.networking.v1.DestinationRule.class).inNamespace("bookinfo")
                .withName("reviews").delete();
        await(() -> catalog.service("bookinfo", "reviews").orElseThrow().summary().routing() == RoutingState.NONE);
    }

    private Map<String, Integer> routedShares() {
        Map<String, Integer> shares = new java.util.TreeMap<>();
        catalog.page("bookinfo", "reviews", 0, 50).rows().get(0).versions()
                .forEach(v -> shares.put(v.version(), v.routedShare()));
        return shares;
    }

    @Test
    void unknownServiceIsEmpty() {
        assertThat(catalog.service("default", "nope")).isEmpty();
    }

    static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
