package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.cluster.DemoClusterFixture;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live checks follow the cluster: a change is rechecked in the background, pages read what is held. */
class MeshChecksTest {

    static DemoClusterFixture cluster;
    static MeshChecks checks;

    @BeforeAll
    static void start() {
        cluster = new DemoClusterFixture();
        checks = new MeshChecks(cluster.cache());
    }

    @AfterAll
    static void stop() {
        checks.close();
        cluster.close();
    }

    private static void settle() {
        // the cache hears of a write on the informer's thread, then hands it to the checks' worker
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            long v = checks.version();
            checks.awaitIdle(5_000);
            return checks.version() == v && checks.ready();
        });
    }

    private static List<String> codesOf(String kind, String name) {
        return checks.findingsOf(new ObjectRef(kind, "bookinfo", name)).stream().map(Finding::code).toList();
    }

    @Test
    void aDanglingSubsetIsFoundWhenWrittenAndForgottenWhenFixedOrDeleted() {
        var istio = cluster.client().adapt(IstioClient.class).v1();
        settle();
        assertThat(checks.ready()).isTrue();
        assertThat(checks.findingsForService("bookinfo", "ratings")).isEmpty();

        VirtualService vs = new VirtualServiceBuilder().withNewMetadata().withName("ratings").withNamespace("bookinfo")
                .endMetadata().withNewSpec().withHosts("ratings").addNewHttp().addNewRoute().withNewDestination()
                .withHost("ratings").withSubset("v1").endDestination().endRoute().endHttp().endSpec().build();
        istio.virtualServices().inNamespace("bookinfo").resource(vs).create();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> codesOf("VirtualService", "ratings").contains("SUBSET_NOT_FOUND"));
        Finding dangling = checks.findingsForService("bookinfo", "ratings").get(0);
        assertThat(dangling.istioCode()).isEqualTo("IST0101");
        assertThat(dangling.path()).isEqualTo("spec.http[0].route[0].destination.subset");

        // the DestinationRule arrives: the VirtualService, which reads it, is rechecked without changing itself
        istio.destinationRules().inNamespace("bookinfo").resource(new DestinationRuleBuilder().withNewMetadata()
                .withName("ratings").withNamespace("bookinfo").endMetadata().withNewSpec().withHost("ratings")
                .addNewSubset().withName("v1").addToLabels("version", "v1").endSubset().endSpec().build()).create();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !codesOf("VirtualService", "ratings").contains("SUBSET_NOT_FOUND"));
        assertThat(checks.findingsForService("bookinfo", "ratings")).isEmpty();

        // an update of the VirtualService itself (not a create): rechecked too
        VirtualService current = istio.virtualServices().inNamespace("bookinfo").withName("ratings").get();
        current.getSpec().getHttp().get(0).getRoute().get(0).getDestination().setSubset("v7");
        istio.virtualServices().inNamespace("bookinfo").resource(current).update();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> codesOf("VirtualService", "ratings").contains("SUBSET_NOT_FOUND"));
        current = istio.virtualServices().inNamespace("bookinfo").withName("ratings").get();
        current.getSpec().getHttp().get(0).getRoute().get(0).getDestination().setSubset("v1");
        istio.virtualServices().inNamespace("bookinfo").resource(current).update();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !codesOf("VirtualService", "ratings").contains("SUBSET_NOT_FOUND"));

        istio.destinationRules().inNamespace("bookinfo").withName("ratings").delete();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> codesOf("VirtualService", "ratings").contains("SUBSET_NOT_FOUND"));
        istio.virtualServices().inNamespace("bookinfo").withName("ratings").delete();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> checks.findingsForService("bookinfo", "ratings").isEmpty());
    }

    @Test
    void aPastedObjectIsCheckedAgainstTheLiveMeshWithoutBeingWritten() {
        settle();
        VirtualService pasted = new VirtualServiceBuilder().withNewMetadata().withName("reviews")
                .withNamespace("bookinfo").endMetadata().withNewSpec().withHosts("reviews").addNewHttp()
                .addNewRoute().withNewDestination().withHost("reviews").withSubset("v9").endDestination().endRoute()
                .endHttp().endSpec().build();
        List<Finding> found = checks.analyzeWith(List.of(pasted));
        assertThat(found).extracting(Finding::code).contains("SUBSET_NOT_FOUND");
        assertThat(found).extracting(Finding::object).containsOnly(new ObjectRef("VirtualService", "bookinfo", "reviews"));
        assertThat(cluster.client().adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo")
                .withName("reviews").get()).isNull();
    }

    @Test
    void aPasteShowsWhatItBreaksElsewhereButNotWhatWasAlreadyBroken() {
        settle();
        // legacy's two Gateways already conflict (IST0145); a pasted Gateway reads every Gateway
        assertThat(checks.findings()).extracting(Finding::code).contains("CONFLICTING_GATEWAYS");
        io.fabric8.istio.api.networking.v1.Gateway unrelated = gateway("unrelated", "other.example.com");
        assertThat(checks.analyzeWith(List.of(unrelated))).isEmpty();

        io.fabric8.istio.api.networking.v1.Gateway clashing = gateway("clashing", "www.fleetman.com");
        io.fabric8.istio.api.networking.v1.Gateway first = gateway("first", "www.fleetman.com");
        cluster.client().adapt(IstioClient.class).v1().gateways().inNamespace("default").resource(first).create();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> cluster.cache().gateway("default", "first").isPresent());
            settle();
            List<Finding> found = checks.analyzeWith(List.of(clashing));
            // the pasted Gateway conflicts, and so does the live one it now clashes with
            assertThat(found).extracting(f -> f.object().name() + " " + f.code())
                    .containsExactlyInAnyOrder("clashing CONFLICTING_GATEWAYS", "first CONFLICTING_GATEWAYS");
        } finally {
            cluster.client().adapt(IstioClient.class).v1().gateways().inNamespace("default").withName("first").delete();
        }
    }

    private static io.fabric8.istio.api.networking.v1.Gateway gateway(String name, String host) {
        return new io.fabric8.istio.api.networking.v1.GatewayBuilder().withNewMetadata().withName(name)
                .withNamespace("default").endMetadata().withNewSpec().addToSelector("istio", "ingressgateway")
                .addNewServer().withNewPort().withNumber(80L).withName("http").withProtocol("HTTP").endPort()
                .withHosts(host).endServer().endSpec().build();
    }

    @Test
    void aDeploymentsStatusAloneIsNoChangeForTheChecks() {
        var d = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("a").endMetadata()
                .withNewSpec().withReplicas(3).withNewTemplate().withNewMetadata().addToLabels("version", "v1")
                .endMetadata().endTemplate().endSpec().withNewStatus().withReadyReplicas(3).endStatus().build();
        var rolling = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).editStatus().withReadyReplicas(1)
                .withUpdatedReplicas(1).endStatus().build();
        assertThat(dev.trafficwizard.analysis.Workloads.sameForChecks(d, rolling)).isTrue();
        var down = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).editStatus().withReadyReplicas(0)
                .endStatus().build();
        var scaledToZero = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).editSpec().withReplicas(0)
                .endSpec().build();
        var relabelled = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).editSpec().editTemplate()
                .editMetadata().addToLabels("version", "v2").endMetadata().endTemplate().endSpec().build();
        assertThat(dev.trafficwizard.analysis.Workloads.sameForChecks(d, down)).isFalse();
        assertThat(dev.trafficwizard.analysis.Workloads.sameForChecks(d, scaledToZero)).isFalse();
        assertThat(dev.trafficwizard.analysis.Workloads.sameForChecks(d, relabelled)).isFalse();
    }
}
