package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.TestCatalogs;
import dev.trafficwizard.cluster.DemoClusterFixture;
import dev.trafficwizard.rollout.ForeignController;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which other controllers manage a service's routing, on the demo cluster. */
class ForeignOwnersTest {

    private static final String WEBAPP_HOST = "fleetman-webapp.default.svc.cluster.local";

    private final DemoClusterFixture cluster = new DemoClusterFixture();
    private final Catalog catalog = TestCatalogs.of(cluster.cache());

    @AfterEach
    void close() {
        cluster.close();
    }

    private ForeignOwners owners() {
        return new ForeignOwners(catalog, cluster.foreignReleases());
    }

    @Test
    void theDemoRolloutManagesBookinfoDetailsAndNothingElse() {
        assertThat(owners().managing("bookinfo", "details")).containsExactly(new ForeignController("Argo Rollouts",
                "Rollout", "bookinfo", "details", "Paused", "Rollout bookinfo/details: "
                + "spec.strategy.canary.trafficRouting.istio.virtualService.name → VirtualService details"));
        assertThat(owners().managing("bookinfo", "reviews")).isEmpty();
        assertThat(owners().managing("default", "fleetman-webapp")).isEmpty();
        assertThat(owners().managing("bookinfo", "no-such-service")).isEmpty();
    }

    @Test
    void routingOwnedByAFlaggerCanaryOrMarkedByArgoRolloutsIsForeign() {
        var client = cluster.client();
        client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("flagger.app")
                .withVersion("v1beta1").withKind("Canary").withPlural("canaries").withNamespaced(true).build())
                .inNamespace("default").resource(Serialization.unmarshal("""
                        apiVersion: flagger.app/v1beta1
                        kind: Canary
                        metadata: {name: webapp, namespace: default}
                        spec:
                          targetRef: {apiVersion: apps/v1, kind: Deployment, name: webapp-original}
                        status: {phase: Progressing}
                        """, GenericKubernetesResource.class)).create();
        client.resource(new VirtualServiceBuilder().withNewMetadata().withName("webapp-by-flagger")
                .withNamespace("default")
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("flagger.app/v1beta1").withKind("Canary")
                        .withName("webapp").withUid("u1").withController(true).build())
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                        .withName("not-a-controller").withUid("u2").build())
                .endMetadata()
                .withNewSpec().addToHosts(WEBAPP_HOST).addNewHttp().addNewRoute().withNewDestination()
                .withHost(WEBAPP_HOST).endDestination().endRoute().endHttp().endSpec().build()).create();
        client.resource(new DestinationRuleBuilder().withNewMetadata().withName("webapp-subsets").withNamespace("default")
                .addToAnnotations("argo-rollouts.argoproj.io/managed-by-rollouts", "webapp-rollout").endMetadata()
                .withNewSpec().withHost(WEBAPP_HOST).endSpec().build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.service("default", "fleetman-webapp").orElseThrow()
                .routingObjects().stream().map(HasMetadata::getKind).toList().containsAll(
                        List.of("VirtualService", "DestinationRule")));

        assertThat(owners().managing("default", "fleetman-webapp")).containsExactlyInAnyOrder(
                new ForeignController("Flagger", "Canary", "default", "webapp", "Progressing",
                        "VirtualService default/webapp-by-flagger: metadata.ownerReferences → Canary webapp"),
                new ForeignController("Argo Rollouts", "Rollout", "default", "webapp-rollout", null,
                        "DestinationRule default/webapp-subsets: "
                                + "metadata.annotations[argo-rollouts.argoproj.io/managed-by-rollouts] → Rollout webapp-rollout"));
    }

    @Test
    void aRolloutNamingOneOfTheServicesRoutingObjectsManagesIt() {
        var client = cluster.client();
        var rollouts = client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("argoproj.io")
                .withVersion("v1alpha1").withKind("Rollout").withPlural("rollouts").withNamespaced(true).build())
                .inNamespace("default");
        GenericKubernetesResource rollout = rollouts.resource(Serialization.unmarshal("""
                        apiVersion: argoproj.io/v1alpha1
                        kind: Rollout
                        metadata: {name: webapp, namespace: default}
                        spec:
                          strategy:
                            canary:
                              trafficRouting:
                                istio:
                                  virtualServices: [{name: other}, {name: webapp-routes}]
                        """, GenericKubernetesResource.class)).create();
        // the Rollouts CRD (seeded) has a status subresource: status is written apart, as Argo Rollouts does
        rollout.setAdditionalProperty("status", java.util.Map.of("phase", "Degraded"));
        rollouts.resource(rollout).updateStatus();
        client.resource(new VirtualServiceBuilder().withNewMetadata().withName("webapp-routes").withNamespace("default")
                .endMetadata().withNewSpec().addToHosts(WEBAPP_HOST).addNewHttp().addNewRoute().withNewDestination()
                .withHost(WEBAPP_HOST).endDestination().endRoute().endHttp().endSpec().build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> !catalog.service("default", "fleetman-webapp").orElseThrow()
                .routingObjects().isEmpty());

        assertThat(owners().managing("default", "fleetman-webapp")).containsExactly(new ForeignController(
                "Argo Rollouts", "Rollout", "default", "webapp", "Degraded", "Rollout default/webapp: "
                + "spec.strategy.canary.trafficRouting.istio.virtualServices[1].name → VirtualService default/webapp-routes"));
        assertThat(owners().managing("default", "fleetman-staff-service")).isEmpty();
    }

    @Test
    void anOwnerOfAnotherToolIsNamedByItsApiGroup() {
        assertThat(ForeignOwners.tool("networking.internal.knative.dev/v1alpha1")).isEqualTo("networking.internal.knative.dev");
        assertThat(ForeignOwners.tool("argoproj.io/v1alpha1")).isEqualTo("Argo Rollouts");
        assertThat(ForeignOwners.tool("flagger.app/v1beta1")).isEqualTo("Flagger");
        assertThat(ForeignOwners.tool("v1")).isEqualTo("v1");
    }
}
