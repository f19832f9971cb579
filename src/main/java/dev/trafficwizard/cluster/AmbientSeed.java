package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's ambient side: the Gateway API CRDs registered (so the cluster serves the Gateway API),
 * the namespace {@code ambient} in ambient mode with a waypoint for its services, two versioned
 * services without routing, and a Gateway API ingress {@code Gateway} (class {@code istio}).
 */
final class AmbientSeed {

    static final String NAMESPACE = "ambient";

    private AmbientSeed() {
    }

    static void seed(KubernetesClient client) {
        for (String plural : List.of("httproutes", "gateways", "referencegrants", "grpcroutes")) {
            crd(client, plural);
        }
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .addToLabels("istio.io/dataplane-mode", "ambient")
                .addToLabels("istio.io/use-waypoint", "waypoint").endMetadata().build()).create();
        client.resource(new GatewayBuilder().withNewMetadata().withName("waypoint").withNamespace(NAMESPACE)
                .addToLabels("istio.io/waypoint-for", "service").endMetadata()
                .withNewSpec().withGatewayClassName("istio-waypoint")
                .addNewListener().withName("mesh").withPort(15008).withProtocol("HBONE").endListener()
                .endSpec().build()).create();
        client.resource(new GatewayBuilder().withNewMetadata().withName("ambient-ingress").withNamespace(NAMESPACE)
                .endMetadata()
                .withNewSpec().withGatewayClassName("istio")
                .addNewListener().withName("http").withPort(80).withProtocol("HTTP")
                .withHostname("*.ambient.example.com")
                .withNewAllowedRoutes().withNewNamespaces().withFrom("Same").endNamespaces().endAllowedRoutes()
                .endListener()
                .endSpec().build()).create();
        service(client, "payments", List.of(new DemoSeed.Workload("payments-v1", "v1", 2),
                new DemoSeed.Workload("payments-v2", "v2", 1)));
        service(client, "inventory", List.of(new DemoSeed.Workload("inventory-stable", "stable", 2),
                new DemoSeed.Workload("inventory-canary", "canary", 1)));
    }

    private static void service(KubernetesClient client, String name, List<DemoSeed.Workload> workloads) {
        DemoSeed.service(client, NAMESPACE, name, Map.of("app", name), 8080);
        for (DemoSeed.Workload w : workloads) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("app", name);
            labels.put("version", w.version());
            DemoSeed.deployment(client, NAMESPACE, w.deployment(), labels, w.ready(), w.ready());
        }
    }

    /** A CRD of the Gateway API, enough for the cluster to say it serves the kind (v1, any fields). */
    private static void crd(KubernetesClient client, String plural) {
        String kind = switch (plural) {
            case "httproutes" -> "HTTPRoute";
            case "gateways" -> "Gateway";
            case "referencegrants" -> "ReferenceGrant";
            default -> "GRPCRoute";
        };
        client.resource(new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName(plural + ".gateway.networking.k8s.io").endMetadata()
                .withNewSpec().withGroup("gateway.networking.k8s.io").withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(!plural.equals("referencegrants"))
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .addNewVersion().withName("v1beta1").withServed(true).withStorage(plural.equals("referencegrants"))
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build()).create();
    }
}
