package dev.trafficwizard.analysis;

import org.junit.jupiter.api.Test;

import java.util.Collections;

import static dev.trafficwizard.analysis.RouteReferenceAnalyzersTest.route;
import static org.assertj.core.api.Assertions.assertThat;

/** An HTTPRoute beside a VirtualService for one host, beyond its CRD's limits, and what its status says. */
class RouteRuleAnalyzersTest {

    private static final String KIND = "HTTPRoute.gateway.networking.k8s.io";

    private static final String VIRTUAL_SERVICES = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ingress, namespace: shop}
            spec: {hosts: [ratings.shop.svc.cluster.local], gateways: [shop/web], http: [{route: [{destination: {host: ratings}}]}]}
            """;

    @Test
    void aMeshVirtualServiceAndAnHttpRouteForOneServiceAreBothReported() {
        String mesh = VIRTUAL_SERVICES + route("shop", "reviews", """
                parentRefs: [{name: web}, {group: "", kind: Service, name: reviews}]
                """) + route("shop", "ratings", """
                parentRefs: [{group: "", kind: Service, name: ratings}]
                """) + route("other", "consumer", """
                parentRefs: [{group: "", kind: Service, name: reviews, namespace: shop}]
                """);
        var found = RouteReferenceAnalyzersTest.analyze(new MixedRoutingApiAnalyzer(), mesh, ns -> true);
        // the VirtualService bound only to an ingress gateway runs elsewhere: not reported
        assertThat(found.stream().map(Meshes::line)).containsExactly(
                "VirtualService shop/reviews spec.hosts[0] ROUTING_API_MIXED null ERROR"
                        + " [HTTPRoute, other/consumer, reviews.shop.svc.cluster.local]",
                "VirtualService shop/reviews spec.hosts[0] ROUTING_API_MIXED null ERROR"
                        + " [HTTPRoute, shop/reviews, reviews.shop.svc.cluster.local]",
                KIND + " shop/reviews spec.parentRefs[1] ROUTING_API_MIXED null ERROR"
                        + " [VirtualService, shop/reviews, reviews.shop.svc.cluster.local]",
                KIND + " other/consumer spec.parentRefs[0] ROUTING_API_MIXED null ERROR"
                        + " [VirtualService, shop/reviews, reviews.shop.svc.cluster.local]");
        assertThat(YamlObjects.english(found.get(0))).contains("undefined behaviour in Istio");
    }

    @Test
    void aRouteBeyondTheCrdsCountLimitsIsAnError() {
        String header = "{name: x-h, value: v}";
        String match = "{headers: [" + String.join(", ", Collections.nCopies(17, header)) + "]}";
        String backend = "{name: reviews, port: 9080}";
        StringBuilder spec = new StringBuilder("hostnames: [" + String.join(", ", Collections.nCopies(17, "a.example.com"))
                + "]\nrules:\n");
        spec.append("- matches: [").append(String.join(", ", Collections.nCopies(65, "{path: {value: /a}}"))).append("]\n");
        spec.append("  backendRefs: [").append(String.join(", ", Collections.nCopies(17, backend))).append("]\n");
        spec.append("- matches: [").append(match).append("]\n");
        for (int i = 0; i < 15; i++) {
            spec.append("- matches: [").append(String.join(", ", Collections.nCopies(5, "{path: {value: /b}}"))).append("]\n");
        }
        assertThat(Meshes.run(new RouteLimitsAnalyzer(), route("shop", "big", spec.toString()))).containsExactly(
                KIND + " shop/big spec.hostnames ROUTE_OVER_LIMIT null ERROR [17, 16]",
                KIND + " shop/big spec.rules ROUTE_OVER_LIMIT null ERROR [17, 16]",
                KIND + " shop/big spec.rules[0].matches ROUTE_OVER_LIMIT null ERROR [65, 64]",
                KIND + " shop/big spec.rules[0].backendRefs ROUTE_OVER_LIMIT null ERROR [17, 16]",
                KIND + " shop/big spec.rules[1].matches[0].headers ROUTE_OVER_LIMIT null ERROR [17, 16]",
                KIND + " shop/big spec.rules ROUTE_TOO_MANY_MATCHES null ERROR [141, 128]");
        // at the limit exactly: 128 matches in all; one more rule without matches counts one, the default match
        StringBuilder full = new StringBuilder("rules:\n");
        for (int i = 0; i < 14; i++) {
            full.append("- matches: [").append(String.join(", ", Collections.nCopies(9, "{path: {value: /c}}"))).append("]\n");
        }
        full.append("- matches: [{path: {value: /d}}, {path: {value: /e}}]\n");
        assertThat(Meshes.run(new RouteLimitsAnalyzer(), route("shop", "full", full.toString()))).isEmpty();
        assertThat(Meshes.run(new RouteLimitsAnalyzer(), route("shop", "over", full + "- backendRefs: [" + backend + "]\n")))
                .containsExactly(KIND + " shop/over spec.rules ROUTE_TOO_MANY_MATCHES null ERROR [129, 128]");
    }

    @Test
    void theClustersRefusalsInTheRoutesStatusAreShownWithItsReasonAndMessage() {
        String yaml = route("shop", "r", """
                parentRefs: [{name: web}, {group: "", kind: Service, name: reviews}]
                """).replace("metadata: {name: r, namespace: shop}", "metadata: {name: r, namespace: shop, generation: 3}") + """
                status:
                  parents:
                  - parentRef: {name: web}
                    controllerName: istio.io/gateway-controller
                    conditions:
                    - {type: Accepted, status: "False", reason: NoMatchingListenerHostname, message: no hostnames matched, observedGeneration: 3, lastTransitionTime: "2026-01-01T00:00:00Z"}
                    - {type: ResolvedRefs, status: "False", reason: BackendNotFound, message: backend(gone.shop) not found, observedGeneration: 3, lastTransitionTime: "2026-01-01T00:00:00Z"}
                    - {type: Programmed, status: "False", reason: Pending, message: waiting, observedGeneration: 3, lastTransitionTime: "2026-01-01T00:00:00Z"}
                  - parentRef: {group: "", kind: Service, name: reviews}
                    controllerName: istio.io/gateway-controller
                    conditions:
                    - {type: Accepted, status: "True", reason: Accepted, message: ok, observedGeneration: 3, lastTransitionTime: "2026-01-01T00:00:00Z"}
                    - {type: ResolvedRefs, status: "False", reason: RefNotPermitted, message: stale, observedGeneration: 2, lastTransitionTime: "2026-01-01T00:00:00Z"}
                """;
        var found = RouteReferenceAnalyzersTest.analyze(new RouteStatusAnalyzer(), yaml, ns -> true);
        assertThat(found.stream().map(Meshes::line)).containsExactly(
                KIND + " shop/r status.parents[0].conditions[0] ROUTE_NOT_ACCEPTED IST0171 ERROR"
                        + " [Gateway shop/web, NoMatchingListenerHostname, no hostnames matched]",
                KIND + " shop/r status.parents[0].conditions[1] ROUTE_REFS_UNRESOLVED IST0171 ERROR"
                        + " [Gateway shop/web, BackendNotFound, backend(gone.shop) not found]");
        assertThat(YamlObjects.english(found.get(1)))
                .isEqualTo("The cluster cannot resolve a reference of the route for Gateway shop/web: BackendNotFound: backend(gone.shop) not found");
    }

    @Test
    void everyGatewayApiAnalyzerRunsInAFullCheck() {
        assertThat(Analyzers.all()).extracting(a -> a.getClass().getSimpleName()).contains("RouteParentAnalyzer",
                "RouteNamespaceNotAllowedAnalyzer", "RouteHostnameAnalyzer", "RouteBackendAnalyzer", "ReferenceGrantAnalyzer",
                "RouteBackendNoReadyPodsAnalyzer", "MixedRoutingApiAnalyzer", "WaypointAnalyzer", "RouteLimitsAnalyzer",
                "RouteStatusAnalyzer");
    }
}
