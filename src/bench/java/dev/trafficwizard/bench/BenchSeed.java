package dev.trafficwizard.bench;

import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.Map;

/**
 * The benchmark's cluster: {@code namespaces} namespaces {@code team-<n>}, {@code services}
 * services {@code svc-<n>-<i>} spread evenly over them, each with {@code versions} Deployments
 * (label {@code version: v1..}, 2 of 2 pods ready), and the first {@code routed} services (spread
 * evenly too) routed 90/10 over v1/v2: with a managed VirtualService and DestinationRule, or, for a
 * share of them and in the ambient namespaces, with an HTTPRoute and version Services
 * ({@link BenchGatewayApi}, whose CRDs {@link BenchGatewayApi#registerCrds} registers first).
 */
record BenchSeed(int namespaces, int services, int versions, int routed) {

    static String ns(int i) {
        return "team-" + i;
    }

    static String svc(int i, int nsIndex) {
        return "svc-" + nsIndex + "-" + i;
    }

    /** Services in namespace {@code nsIndex} (the first {@code services % namespaces} get one more). */
    int servicesIn(int nsIndex) {
        return services / namespaces + (nsIndex < services % namespaces ? 1 : 0);
    }

    int routedIn(int nsIndex) {
        return routed / namespaces + (nsIndex < routed % namespaces ? 1 : 0);
    }

    BenchGatewayApi gatewayApi() {
        return new BenchGatewayApi(this);
    }

    void seed(DirectStore store) {
        for (int n = 0; n < namespaces; n++) {
            NamespaceBuilder namespace = new NamespaceBuilder().withNewMetadata().withName(ns(n)).endMetadata();
            if (BenchGatewayApi.ambient(n)) {
                namespace.editMetadata().addToLabels("istio.io/dataplane-mode", "ambient")
                        .addToLabels("istio.io/use-waypoint", BenchGatewayApi.WAYPOINT).endMetadata();
                store.put("/apis/gateway.networking.k8s.io/v1/namespaces/" + ns(n) + "/gateways",
                        BenchGatewayApi.waypoint(ns(n)));
            }
            store.put("/api/v1/namespaces", namespace.build());
        }
        for (int n = 0; n < namespaces; n++) {
            for (int s = 0; s < servicesIn(n); s++) {
                seedService(store, n, s, s < routedIn(n), gatewayApi().gatewayApi(n, s));
            }
        }
    }

    private void seedService(DirectStore store, int nsIndex, int s, boolean routed, boolean gatewayApi) {
        String ns = ns(nsIndex);
        String name = svc(s, nsIndex);
        Map<String, String> selector = Map.of("app", name);
        Service service = new ServiceBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withNewSpec().withSelector(selector).addNewPort().withPort(8080)
                .endPort().endSpec().build();
        store.put("/api/v1/namespaces/" + ns + "/services", service);
        for (int v = 1; v <= versions; v++) {
            Map<String, String> labels = Map.of("app", name, "version", "v" + v);
            store.put("/apis/apps/v1/namespaces/" + ns + "/deployments", new DeploymentBuilder().withNewMetadata()
                    .withName(name + "-v" + v).withNamespace(ns).withLabels(labels).endMetadata()
                    .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("example/" + name + ":v" + v)
                    .endContainer().endSpec().endTemplate().endSpec()
                    .withNewStatus().withReplicas(2).withReadyReplicas(2).endStatus().build());
        }
        if (routed && gatewayApi) {
            GatewayApiObjects objects = BenchGatewayApi.objects(ns, name, versions, selector,
                    service.getSpec().getPorts());
            for (Service version : objects.versionServices()) {
                store.put("/api/v1/namespaces/" + ns + "/services", version);
            }
            store.put("/apis/gateway.networking.k8s.io/v1/namespaces/" + ns + "/httproutes", objects.route());
        } else if (routed) {
            String host = name + "." + ns + ".svc.cluster.local";
            String istio = "/apis/networking.istio.io/v1/namespaces/" + ns;
            store.put(istio + "/destinationrules", new DestinationRuleBuilder().withNewMetadata().withName(name)
                    .withNamespace(ns).addToLabels("app.kubernetes.io/managed-by", "traffic-wizard").endMetadata()
                    .withNewSpec().withHost(host).addNewSubset().withName("v1").addToLabels("version", "v1")
                    .endSubset().addNewSubset().withName("v2").addToLabels("version", "v2").endSubset().endSpec()
                    .build());
            store.put(istio + "/virtualservices", new VirtualServiceBuilder().withNewMetadata().withName(name)
                    .withNamespace(ns).addToLabels("app.kubernetes.io/managed-by", "traffic-wizard").endMetadata()
                    .withNewSpec().withHosts(host).addNewHttp()
                    .addNewRoute().withNewDestination().withHost(host).withSubset("v1").endDestination()
                    .withWeight(90).endRoute()
                    .addNewRoute().withNewDestination().withHost(host).withSubset("v2").endDestination()
                    .withWeight(10).endRoute().endHttp().endSpec().build());
        }
    }
}
