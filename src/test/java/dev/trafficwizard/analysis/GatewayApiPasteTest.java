package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Gateway API objects pasted over the live mesh ({@link Overlay}): what they find, and what they change for live readers. */
class GatewayApiPasteTest {

    private static final String LIVE = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: shop, uid: s1, resourceVersion: "1"}
            spec: {selector: {app: reviews}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: data, uid: s2, resourceVersion: "1"}
            spec: {selector: {app: db}}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop, uid: v1, resourceVersion: "1"}
            spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}
            """;

    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: reviews, namespace: shop}
            spec:
              parentRefs: [{group: "", kind: Service, name: reviews}]
              rules: [{backendRefs: [{name: reviews, port: 9080}, {name: db, namespace: data, port: 5432}]}]
            """;

    private static final String GRANT = """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: shop-routes, namespace: data}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
              to: [{group: "", kind: Service}]
            """;

    @Test
    void aPastedHttpRouteForAServiceWithAMeshVirtualServiceIsReportedOnBoth() {
        MeshSnapshot live = ListedSnapshot.of(Meshes.parse(LIVE));
        MeshAnalysis analysis = new MeshAnalysis();
        analysis.checkAll(live);
        assertThat(analysis.findings()).isEmpty();

        List<HasMetadata> pasted = Meshes.parse(ROUTE);
        Overlay overlay = Overlay.of(live, pasted);
        assertThat(analysis.analyzeWith(overlay, pasted, overlay.replaced()).stream().map(Meshes::line)).containsExactly(
                "HTTPRoute.gateway.networking.k8s.io shop/reviews spec.parentRefs[0] ROUTING_API_MIXED null ERROR"
                        + " [VirtualService, shop/reviews, reviews.shop.svc.cluster.local]",
                "HTTPRoute.gateway.networking.k8s.io shop/reviews spec.rules[0].backendRefs[1] REFERENCE_NOT_GRANTED null ERROR"
                        + " [Service, data/db]",
                "VirtualService shop/reviews spec.hosts[0] ROUTING_API_MIXED null ERROR"
                        + " [HTTPRoute, shop/reviews, reviews.shop.svc.cluster.local]");
        assertThat(analysis.findings()).isEmpty();
    }

    @Test
    void aReferenceGrantPastedWithTheRouteAllowsItsBackend() {
        MeshSnapshot live = ListedSnapshot.of(Meshes.parse(LIVE));
        MeshAnalysis analysis = new MeshAnalysis();
        analysis.checkAll(live);
        List<HasMetadata> pasted = Meshes.parse(ROUTE + "---\n" + GRANT);
        Overlay overlay = Overlay.of(live, pasted);
        assertThat(overlay.referenceGrants("data")).hasSize(1);
        assertThat(analysis.analyzeWith(overlay, pasted, overlay.replaced())).extracting(Finding::code)
                .containsOnly("ROUTING_API_MIXED");
    }
}
