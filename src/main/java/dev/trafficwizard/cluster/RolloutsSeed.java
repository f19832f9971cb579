package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's service whose routing another tool manages: {@code bookinfo/details} (versions v1 and v2,
 * no routing) and an Argo Rollouts {@code Rollout} {@code details}, paused at its first step, that shapes
 * the traffic through the VirtualService {@code details}. Its service page shows the Rollout and that
 * Traffic Wizard starts no rollout there. The Rollouts CRD is registered as Argo Rollouts installs it.
 */
final class RolloutsSeed {

    static final String NAMESPACE = "bookinfo";
    static final String SERVICE = "details";

    private static final String ROLLOUT = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: details
              namespace: bookinfo
            spec:
              replicas: 3
              workloadRef:
                apiVersion: apps/v1
                kind: Deployment
                name: details-v1
              strategy:
                canary:
                  trafficRouting:
                    istio:
                      virtualService:
                        name: details
                        routes: [primary]
                      destinationRule:
                        name: details
                        stableSubsetName: stable
                        canarySubsetName: canary
                  steps:
                  - setWeight: 20
                  - pause: {}
                  - setWeight: 50
                  - pause: {duration: 10m}
            """;

    private RolloutsSeed() {
    }

    static void seed(KubernetesClient client) {
        client.resource(new CustomResourceDefinitionBuilder().withNewMetadata().withName("rollouts.argoproj.io")
                .endMetadata()
                .withNewSpec().withGroup("argoproj.io").withScope("Namespaced")
                .withNewNames().withKind("Rollout").withPlural("rollouts").withSingular("rollout")
                .withShortNames("ro").endNames()
                .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build()).create();
        DemoSeed.service(client, NAMESPACE, SERVICE, Map.of("app", SERVICE), 9080);
        for (DemoSeed.Workload w : List.of(new DemoSeed.Workload("details-v1", "v1", 2),
                new DemoSeed.Workload("details-v2", "v2", 1))) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("app", SERVICE);
            labels.put("version", w.version());
            DemoSeed.deployment(client, NAMESPACE, w.deployment(), labels, w.ready(), w.ready());
        }
        var rollouts = client.genericKubernetesResources(ForeignReleases.ROLLOUTS).inNamespace(NAMESPACE);
        GenericKubernetesResource created = rollouts.resource(
                Serialization.unmarshal(ROLLOUT, GenericKubernetesResource.class)).create();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Paused");
        status.put("message", "CanaryPauseStep");
        status.put("currentStepIndex", 1);
        created.setAdditionalProperty("status", status);
        rollouts.resource(created).updateStatus();
    }
}
