package dev.trafficwizard.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an HTTPRoute refers to: backend Services (missing, without ready pods), parents, ReferenceGrants. */
class RouteReferenceAnalyzersTest {

    static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: shop}
            spec: {selector: {app: reviews}, ports: [{port: 9080}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: reviews-v1, namespace: shop}
            spec: {replicas: 1, template: {metadata: {labels: {app: reviews, version: v1}}}}
            status: {readyReplicas: 1}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ratings, namespace: shop}
            spec: {selector: {app: ratings}, ports: [{port: 9080}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: ratings-v1, namespace: shop}
            spec: {replicas: 2, template: {metadata: {labels: {app: ratings}}}}
            status: {readyReplicas: 0}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: legacy, namespace: shop}
            spec: {selector: {app: legacy}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: data}
            spec: {selector: {app: db}, ports: [{port: 5432}]}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: infra}
            spec:
              gatewayClassName: istio
              listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
            """;

    static String route(String ns, String name, String spec) {
        return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: " + name
                + ", namespace: " + ns + "}\nspec:\n" + spec.indent(2);
    }

    private static final String KIND = "HTTPRoute.gateway.networking.k8s.io";

    @Test
    void aBackendServiceThatDoesNotExistIsAnError() {
        String mesh = MESH + route("shop", "r", """
                parentRefs: [{group: "", kind: Service, name: reviews}]
                rules:
                - backendRefs:
                  - {name: reviews, port: 9080}
                  - {name: missing, port: 80}
                  - {name: db, namespace: data, port: 5432}
                  - {name: gone, namespace: hidden, port: 80}
                  - {group: networking.istio.io, kind: Hostname, name: x.example.com, port: 80}
                - backendRefs: [{name: nowhere, namespace: data, port: 80}]
                """);
        assertThat(Meshes.run(new RouteBackendAnalyzer(), mesh, ns -> !ns.equals("hidden"))).containsExactly(
                KIND + " shop/r spec.rules[0].backendRefs[1] ROUTE_BACKEND_NOT_FOUND null ERROR [missing, shop]",
                KIND + " shop/r spec.rules[1].backendRefs[0] ROUTE_BACKEND_NOT_FOUND null ERROR [nowhere, data]");
    }

    @Test
    void aBackendWithTrafficWhoseDeploymentsHaveNoReadyPodIsAWarning() {
        String mesh = MESH + route("shop", "r", """
                parentRefs: [{group: "", kind: Service, name: reviews}]
                rules:
                - backendRefs:
                  - {name: reviews, port: 9080, weight: 90}
                  - {name: ratings, port: 9080, weight: 10}
                  - {name: legacy, port: 80}
                - backendRefs: [{name: ratings, port: 9080, weight: 0}]
                - backendRefs: [{name: ratings, port: 9080}]
                """);
        // legacy has no Deployment (run by something we do not hold): not judged; weight 0 gets nothing
        assertThat(Meshes.run(new RouteBackendNoReadyPodsAnalyzer(), mesh)).containsExactly(
                KIND + " shop/r spec.rules[0].backendRefs[1] ROUTE_BACKEND_NO_READY_PODS null WARNING [ratings, 10]",
                KIND + " shop/r spec.rules[2].backendRefs[0] ROUTE_BACKEND_NO_READY_PODS null WARNING [ratings, 1]");
    }

    @Test
    void aParentGatewayOrServiceThatDoesNotExistIsAnError() {
        String mesh = MESH + route("shop", "r", """
                parentRefs:
                - {name: web, namespace: infra}
                - {name: web}
                - {group: "", kind: Service, name: reviews}
                - {group: "", kind: Service, name: details}
                - {name: elsewhere, namespace: hidden}
                - {group: networking.istio.io, kind: ServiceEntry, name: ext}
                rules: [{backendRefs: [{name: reviews, port: 9080}]}]
                """);
        List<Finding> found = analyze(new RouteParentAnalyzer(), mesh, ns -> !ns.equals("hidden"));
        assertThat(found.stream().map(Meshes::line)).containsExactly(
                KIND + " shop/r spec.parentRefs[1] ROUTE_PARENT_NOT_FOUND null ERROR [Gateway, shop/web]",
                KIND + " shop/r spec.parentRefs[3] ROUTE_PARENT_NOT_FOUND null ERROR [Service, shop/details]");
        assertThat(YamlObjects.english(found.get(0))).isEqualTo("Parent Gateway shop/web does not exist: the route has no effect there.");
    }

    @Test
    void aCrossNamespaceBackendNeedsAReferenceGrantThere() {
        String grant = """
                ---
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: from-shop, namespace: data}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
                  to: [{group: "", kind: Service, name: db}]
                """;
        String routes = route("shop", "r", """
                rules: [{backendRefs: [{name: db, namespace: data, port: 5432}, {name: cache, namespace: data, port: 6379},
                                       {name: reviews, port: 9080}]}]
                """) + route("other", "o", """
                rules: [{backendRefs: [{name: db, namespace: data, port: 5432}]}]
                """);
        assertThat(Meshes.run(new ReferenceGrantAnalyzer(), MESH + routes)).containsExactly(
                KIND + " shop/r spec.rules[0].backendRefs[0] REFERENCE_NOT_GRANTED null ERROR [Service, data/db]",
                KIND + " shop/r spec.rules[0].backendRefs[1] REFERENCE_NOT_GRANTED null ERROR [Service, data/cache]",
                KIND + " other/o spec.rules[0].backendRefs[0] REFERENCE_NOT_GRANTED null ERROR [Service, data/db]");
        // the grant names db only, and only routes of shop
        List<Finding> granted = analyze(new ReferenceGrantAnalyzer(), MESH + grant + routes, ns -> true);
        assertThat(granted.stream().map(Meshes::line)).containsExactly(
                KIND + " shop/r spec.rules[0].backendRefs[1] REFERENCE_NOT_GRANTED null ERROR [Service, data/cache]",
                KIND + " other/o spec.rules[0].backendRefs[0] REFERENCE_NOT_GRANTED null ERROR [Service, data/db]");
        assertThat(YamlObjects.english(granted.get(0))).startsWith("Service data/cache is in another namespace");
    }

    @Test
    void aGatewaysCertificateInAnotherNamespaceNeedsAReferenceGrant() {
        String gateway = """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: tls, namespace: infra}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - {name: http, port: 80, protocol: HTTP}
                  - name: https
                    port: 443
                    protocol: HTTPS
                    tls: {certificateRefs: [{name: own-cert}, {name: shared-cert, namespace: certs}, {name: c, namespace: hidden}]}
                """;
        String grant = """
                ---
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: gateways, namespace: certs}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: infra}]
                  to: [{group: "", kind: Secret}]
                """;
        assertThat(Meshes.run(new ReferenceGrantAnalyzer(), gateway, ns -> !ns.equals("hidden"))).containsExactly(
                "Gateway.gateway.networking.k8s.io infra/tls spec.listeners[1].tls.certificateRefs[1] REFERENCE_NOT_GRANTED null"
                        + " ERROR [Secret, certs/shared-cert]");
        assertThat(Meshes.run(new ReferenceGrantAnalyzer(), gateway + grant, ns -> !ns.equals("hidden"))).isEmpty();
    }

    static List<Finding> analyze(Analyzer analyzer, String yaml, java.util.function.Predicate<String> sees) {
        MeshSnapshot mesh = ListedSnapshot.of(Meshes.parse(yaml), sees);
        List<Finding> out = new java.util.ArrayList<>();
        mesh.routingObjects().filter(analyzer::appliesTo).forEach(o -> analyzer.analyze(o, mesh, out));
        return out;
    }
}
