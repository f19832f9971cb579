package dev.trafficwizard.bench;

import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import dev.trafficwizard.gatewayapi.GatewayApiTranslator;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The Gateway API side of the benchmark's cluster. The Gateway API's CRDs are registered (so the
 * dashboard reads HTTPRoutes, Gateway API Gateways and ReferenceGrants); every {@value #AMBIENT_EVERY}th
 * namespace ({@code team-0}, {@code team-10}, …) is in ambient mode with a waypoint
 * ({@code istio.io/use-waypoint: waypoint} and that Gateway); a routed service is routed with the
 * Gateway API instead of a VirtualService and DestinationRule when it is in an ambient namespace
 * (Istio recommends HTTPRoute there) or is every {@value #GATEWAY_API_EVERY}th routed service of
 * its namespace elsewhere: its HTTPRoute (parent: the Service; 90/10 over {@code v1}/{@code v2})
 * and version Services {@code <svc>-v1}, {@code <svc>-v2}, as the product's translator writes them.
 */
final class BenchGatewayApi {

    static final int AMBIENT_EVERY = 10;
    static final int GATEWAY_API_EVERY = 4;
    static final String WAYPOINT = "waypoint";

    private final BenchSeed seed;

    BenchGatewayApi(BenchSeed seed) {
        this.seed = seed;
    }

    static boolean ambient(int nsIndex) {
        return nsIndex % AMBIENT_EVERY == 0;
    }

    /** Whether routed service {@code s} of namespace {@code nsIndex} is routed with the Gateway API. */
    boolean gatewayApi(int nsIndex, int s) {
        return s < seed.routedIn(nsIndex) && (ambient(nsIndex) || s % GATEWAY_API_EVERY == GATEWAY_API_EVERY - 1);
    }

    /** The ambient namespaces' indexes. */
    List<Integer> ambientNamespaces() {
        return IntStream.range(0, seed.namespaces()).filter(BenchGatewayApi::ambient).boxed().toList();
    }

    /**
     * The services routed with the Gateway API as {nsIndex, s}, one namespace after the other in turn
     * (as the benchmark walks the other services), so consecutive requests hit different namespaces.
     */
    List<int[]> routedServices() {
        List<int[]> out = new ArrayList<>();
        int most = IntStream.range(0, seed.namespaces()).map(seed::routedIn).max().orElse(0);
        for (int s = 0; s < most; s++) {
            for (int n = 0; n < seed.namespaces(); n++) {
                if (gatewayApi(n, s)) {
                    out.add(new int[]{n, s});
                }
            }
        }
        return out;
    }

    /**
     * Registers the Gateway API's CRDs over HTTP (the embedded API server serves a custom kind once
     * its CRD was created through it), minimal as the demo's: v1, any fields.
     */
    static void registerCrds(KubernetesClient client) {
        for (String[] k : List.of(new String[]{"httproutes", "HTTPRoute"}, new String[]{"gateways", "Gateway"},
                new String[]{"referencegrants", "ReferenceGrant"})) {
            client.resource(new CustomResourceDefinitionBuilder().withNewMetadata()
                    .withName(k[0] + ".gateway.networking.k8s.io").endMetadata()
                    .withNewSpec().withGroup("gateway.networking.k8s.io").withScope("Namespaced")
                    .withNewNames().withKind(k[1]).withPlural(k[0]).withSingular(k[1].toLowerCase()).endNames()
                    .addNewVersion().withName("v1").withServed(true).withStorage(true)
                    .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                    .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
                    .endSpec().build()).create();
        }
    }

    /** The waypoint of an ambient namespace: a Gateway API Gateway of class {@code istio-waypoint}. */
    static HasMetadata waypoint(String ns) {
        return new GatewayBuilder().withNewMetadata().withName(WAYPOINT).withNamespace(ns)
                .addToLabels("istio.io/waypoint-for", "service").endMetadata()
                .withNewSpec().withGatewayClassName("istio-waypoint")
                .addNewListener().withName("mesh").withPort(15008).withProtocol("HBONE").endListener()
                .endSpec().build();
    }

    /** The version Services and the HTTPRoute of a 90/10 split over v1/v2, as the product writes them. */
    static GatewayApiObjects objects(String ns, String name, int versions, Map<String, String> selector,
                                     List<ServicePort> ports) {
        List<TargetService.ServiceVersion> v = IntStream.rangeClosed(1, versions)
                .mapToObj(i -> new TargetService.ServiceVersion("v" + i, 2, 2)).toList();
        TargetService target = new TargetService(ns, name, "version", v);
        RoutingPlan plan = RoutingPlan.weighted(ns, name, List.of(new WeightedDestination("v1", 90),
                new WeightedDestination("v2", 10))).withApi(RoutingApi.GATEWAY_API);
        GatewayApiObjects objects = GatewayApiTranslator.translate(plan, target, selector, ports, FormKind.WEIGHTED);
        if (!objects.complete()) {
            throw new IllegalStateException("the bench's plan does not translate: " + objects.untranslatable());
        }
        return objects;
    }
}
