package dev.trafficwizard.bench;

import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's cluster: {@code namespaces} namespaces {@code team-<n>}, {@code services}
 * services {@code svc-<n>-<i>} spread evenly over them, each with {@code versions} Deployments
 * (label {@code version: v1..}, 2 of 2 pods ready), and the first {@code routed} services (spread
 * evenly too) routed 90/10 over v1/v2: with a managed VirtualService and DestinationRule, or, for a
 * share of them and in the ambient namespaces, with an HTTPRoute and version Services
 * ({@link BenchGatewayApi}, whose CRDs {@link BenchGatewayApi#registerCrds} registers first).
 * With {@code realistic}, every object but the namespaces and waypoints goes through
 * {@link RealisticObjects} on its way into the store (production-sized metadata and pod specs; the
 * routing, selectors and readiness unchanged); without, the objects are minimal.
 */
record BenchSeed(int namespaces, int services, int versions, int routed, boolean realistic) {

    /** Minimal objects. */
    BenchSeed(int namespaces, int services, int versions, int routed) {
        this(namespaces, services, versions, routed, false);
    }

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

    /** Seeds the store; returns the sizes of the objects' JSON, per kind. */
    Sizes seed(DirectStore store) {
        Sizes sizes = new Sizes();
        for (int n = 0; n < namespaces; n++) {
            NamespaceBuilder namespace = new NamespaceBuilder().withNewMetadata().withName(ns(n)).endMetadata();
            if (BenchGatewayApi.ambient(n)) {
                namespace.editMetadata().addToLabels("istio.io/dataplane-mode", "ambient")
                        .addToLabels("istio.io/use-waypoint", BenchGatewayApi.WAYPOINT).endMetadata();
                put(store, sizes, "/apis/gateway.networking.k8s.io/v1/namespaces/" + ns(n) + "/gateways",
                        BenchGatewayApi.waypoint(ns(n)));
            }
            put(store, sizes, "/api/v1/namespaces", namespace.build());
        }
        for (int n = 0; n < namespaces; n++) {
            for (int s = 0; s < servicesIn(n); s++) {
                seedService(store, sizes, n, s, s < routedIn(n), gatewayApi().gatewayApi(n, s));
            }
        }
        return sizes;
    }

    private static void put(DirectStore store, Sizes sizes, String collectionPath, HasMetadata object) {
        sizes.add(object.getKind(), store.put(collectionPath, object));
    }

    private void seedService(DirectStore store, Sizes sizes, int nsIndex, int s, boolean routed, boolean gatewayApi) {
        String ns = ns(nsIndex);
        String name = svc(s, nsIndex);
        Map<String, String> selector = Map.of("app", name);
        Service service = new ServiceBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withNewSpec().withSelector(selector).addNewPort().withPort(8080)
                .endPort().endSpec().build();
        put(store, sizes, "/api/v1/namespaces/" + ns + "/services",
                realistic ? RealisticObjects.service(service) : service);
        for (int v = 1; v <= versions; v++) {
            Map<String, String> labels = Map.of("app", name, "version", "v" + v);
            Deployment deployment = new DeploymentBuilder().withNewMetadata()
                    .withName(name + "-v" + v).withNamespace(ns).withLabels(labels).endMetadata()
                    .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("example/" + name + ":v" + v)
                    .endContainer().endSpec().endTemplate().endSpec()
                    .withNewStatus().withReplicas(2).withReadyReplicas(2).endStatus().build();
            put(store, sizes, "/apis/apps/v1/namespaces/" + ns + "/deployments",
                    realistic ? RealisticObjects.deployment(deployment) : deployment);
        }
        if (routed && gatewayApi) {
            GatewayApiObjects objects = BenchGatewayApi.objects(ns, name, versions, selector,
                    service.getSpec().getPorts());
            for (Service version : objects.versionServices()) {
                put(store, sizes, "/api/v1/namespaces/" + ns + "/services", meta(version));
            }
            put(store, sizes, "/apis/gateway.networking.k8s.io/v1/namespaces/" + ns + "/httproutes",
                    meta(objects.route()));
        } else if (routed) {
            String host = name + "." + ns + ".svc.cluster.local";
            String istio = "/apis/networking.istio.io/v1/namespaces/" + ns;
            put(store, sizes, istio + "/destinationrules", meta(new DestinationRuleBuilder().withNewMetadata()
                    .withName(name)
                    .withNamespace(ns).addToLabels("app.kubernetes.io/managed-by", "traffic-wizard").endMetadata()
                    .withNewSpec().withHost(host).addNewSubset().withName("v1").addToLabels("version", "v1")
                    .endSubset().addNewSubset().withName("v2").addToLabels("version", "v2").endSubset().endSpec()
                    .build()));
            put(store, sizes, istio + "/virtualservices", meta(new VirtualServiceBuilder().withNewMetadata()
                    .withName(name)
                    .withNamespace(ns).addToLabels("app.kubernetes.io/managed-by", "traffic-wizard").endMetadata()
                    .withNewSpec().withHosts(host).addNewHttp()
                    .addNewRoute().withNewDestination().withHost(host).withSubset("v1").endDestination()
                    .withWeight(90).endRoute()
                    .addNewRoute().withNewDestination().withHost(host).withSubset("v2").endDestination()
                    .withWeight(10).endRoute().endHttp().endSpec().build()));
        }
    }

    private <T extends HasMetadata> T meta(T object) {
        return realistic ? RealisticObjects.metadataOnly(object) : object;
    }

    /** JSON characters stored per kind (lower-case kind: {@code deployment}, {@code service}, …). */
    static final class Sizes {

        private final Map<String, long[]> countAndChars = new TreeMap<>();

        void add(String kind, int chars) {
            long[] c = countAndChars.computeIfAbsent(kind.toLowerCase(Locale.ROOT), k -> new long[2]);
            c[0]++;
            c[1] += chars;
        }

        /** The average JSON size of the kind's objects in KiB (0 for none). */
        double kibAvg(String kind) {
            long[] c = countAndChars.get(kind.toLowerCase(Locale.ROOT));
            return c == null || c[0] == 0 ? 0 : c[1] / 1024.0 / c[0];
        }

        long count(String kind) {
            long[] c = countAndChars.get(kind.toLowerCase(Locale.ROOT));
            return c == null ? 0 : c[0];
        }

        /** Lines {@code <kind>_json_kib_avg=<x.xx>} for every kind seeded, e.g. {@code deployment_json_kib_avg}. */
        String report() {
            StringBuilder out = new StringBuilder();
            countAndChars.keySet().forEach(k -> out.append(String.format(Locale.ROOT, "%s_json_kib_avg=%.2f%n",
                    k, kibAvg(k))));
            return out.toString();
        }
    }
}
