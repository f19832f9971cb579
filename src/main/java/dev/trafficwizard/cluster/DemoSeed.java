package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo cluster's objects, exactly as the design's seed table lists them: no routing at start in
 * {@code default} and {@code bookinfo}; the namespace {@code legacy} holds hand-written routing that is
 * broken on purpose ({@link LegacySeed}), for the live checks; {@code ambient} is in ambient mode with a
 * waypoint and the Gateway API ({@link AmbientSeed}); {@code bookinfo/details} is managed by an Argo Rollouts
 * {@code Rollout} ({@link RolloutsSeed}).
 */
public final class DemoSeed {

    record Workload(String deployment, String version, int ready) {
    }

    record Svc(String namespace, String name, String app, List<Workload> workloads) {
    }

    static final List<Svc> SERVICES = List.of(
            new Svc("default", "fleetman-staff-service", "fleetman-staff-service", List.of(
                    new Workload("staff-service-safe", "safe", 2),
                    new Workload("staff-service-risky", "risky", 1))),
            new Svc("default", "fleetman-webapp", "fleetman-webapp", List.of(
                    new Workload("webapp-original", "original", 2),
                    new Workload("webapp-experimental", "experimental", 1))),
            new Svc("bookinfo", "productpage", "productpage", List.of(new Workload("productpage-v1", "v1", 1))),
            new Svc("bookinfo", "reviews", "reviews", List.of(
                    new Workload("reviews-v1", "v1", 1),
                    new Workload("reviews-v2", "v2", 1),
                    new Workload("reviews-v3", "v3", 1))),
            new Svc("bookinfo", "ratings", "ratings", List.of(new Workload("ratings-v1", "v1", 1))));

    private DemoSeed() {
    }

    public static void seed(KubernetesClient client) {
        for (String ns : List.of("default", "bookinfo", "istio-system")) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        for (Svc svc : SERVICES) {
            service(client, svc.namespace(), svc.name(), Map.of("app", svc.app()), 9080);
            for (Workload w : svc.workloads()) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("app", svc.app());
                labels.put("version", w.version());
                deployment(client, svc.namespace(), w.deployment(), labels, w.ready());
            }
        }
        Map<String, String> gateway = new LinkedHashMap<>();
        gateway.put("app", "istio-ingressgateway");
        gateway.put("istio", "ingressgateway");
        service(client, "istio-system", "istio-ingressgateway", gateway, 80);
        deployment(client, "istio-system", "istio-ingressgateway", gateway, 1);
        LegacySeed.seed(client);
        AmbientSeed.seed(client);
        RolloutsSeed.seed(client);
    }

    static void service(KubernetesClient client, String ns, String name, Map<String, String> selector,
                                int port) {
        client.resource(new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withSelector(selector)
                .addNewPort().withName("http").withPort(port).endPort()
                .endSpec().build()).create();
    }

    private static void deployment(KubernetesClient client, String ns, String name, Map<String, String> labels,
                                   int replicas) {
        deployment(client, ns, name, labels, replicas, replicas);
    }

    /** A Deployment whose status says {@code ready} of its {@code replicas} are ready. */
    static void deployment(KubernetesClient client, String ns, String name, Map<String, String> labels,
                           int replicas, int ready) {
        var created = client.resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("demo/" + name + ":latest").endContainer()
                .endSpec().endTemplate()
                .endSpec().build()).create();
        created.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withUpdatedReplicas(replicas).build());
        client.resource(created).updateStatus();
    }

    /** A ServiceAccount and its token Secret (type kubernetes.io/service-account-token), as before Kubernetes 1.24. */
    public static void serviceAccount(KubernetesClient client, String namespacedName, String token) {
        String ns = namespacedName.substring(0, namespacedName.indexOf('/'));
        String name = namespacedName.substring(namespacedName.indexOf('/') + 1);
        client.resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().build()).create();
        client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName(name + "-token")
                .withNamespace(ns).addToAnnotations("kubernetes.io/service-account.name", name).endMetadata()
                .withType("kubernetes.io/service-account-token")
                .addToData("token", java.util.Base64.getEncoder().encodeToString(
                        token.getBytes(java.nio.charset.StandardCharsets.UTF_8))).build()).create();
    }
}
