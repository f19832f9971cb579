package dev.trafficwizard.analysis;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** IST0101 (ReferencedResourceNotFound): destination hosts, subsets and gateways a VirtualService names. */
class ReferencedResourceAnalyzersTest {

    private static final String SERVICES = """
            apiVersion: v1
            kind: Service
            metadata: {name: ratings, namespace: shop}
            spec: {selector: {app: ratings}, ports: [{port: 9080}]}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: stock
              namespace: shop
              annotations: {networking.istio.io/exportTo: "., partners"}
            spec: {selector: {app: stock}, ports: [{port: 80}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: ratings, namespace: shop}
            spec:
              host: ratings
              subsets: [{name: stable, labels: {version: v1}}]
            """;

    private static String vs(String ns, String name, String spec) {
        return "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name
                + ", namespace: " + ns + "}\nspec:\n" + spec.indent(2);
    }

    @Test
    void aDestinationThatIsNoServiceIsAnError() {
        String mesh = SERVICES + vs("shop", "ok", """
                hosts: [ratings]
                http:
                - route:
                  - destination: {host: ratings, subset: stable}
                  - destination: {host: ratings.shop.svc.cluster.local}
                """) + vs("shop", "bogus", """
                hosts: [ratings]
                http:
                - route:
                  - {}
                  - destination: {host: ratting}
                  mirror: {host: ratings-shadow}
                  mirrors:
                  - destination: {host: ratings.shop.svc.cluster.local}
                  - destination: {host: gone.shop.svc.cluster.local}
                tcp:
                - route:
                  - destination: {host: db}
                """);
        assertThat(Meshes.run(new DestinationHostAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/bogus spec.tcp[0].route[0].destination.host DESTINATION_NOT_FOUND IST0101 ERROR [db, shop]",
                "VirtualService shop/bogus spec.http[0].route[1].destination.host DESTINATION_NOT_FOUND IST0101 ERROR [ratting, shop]",
                "VirtualService shop/bogus spec.http[0].mirror.host DESTINATION_NOT_FOUND IST0101 ERROR [ratings-shadow, shop]",
                "VirtualService shop/bogus spec.http[0].mirrors[1].destination.host DESTINATION_NOT_FOUND IST0101 ERROR [gone.shop.svc.cluster.local, shop]");
    }

    @Test
    void hostsThatMayBeServiceEntriesOrInUnseenNamespacesAreNotReported() {
        String mesh = SERVICES + vs("shop", "external", """
                hosts: [ratings]
                http:
                - route:
                  - destination: {host: api.example.com}
                  - destination: {host: "*.eu.example.com"}
                  - destination: {host: ratings.shop}
                  - destination: {host: orders.hidden.svc.cluster.local}
                """);
        assertThat(Meshes.run(new DestinationHostAnalyzer(), mesh, ns -> !ns.equals("hidden"))).isEmpty();
        assertThat(Meshes.run(new DestinationHostAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/external spec.http[0].route[3].destination.host DESTINATION_NOT_FOUND IST0101 ERROR "
                        + "[orders.hidden.svc.cluster.local, shop]");
    }

    @Test
    void aServiceNotExportedToTheVirtualServicesNamespaceIsNotFound() {
        String stock = "http:\n- route:\n  - destination: {host: stock.shop.svc.cluster.local}\n";
        String mesh = SERVICES + vs("shop", "same-namespace", "hosts: [stock]\n" + stock)
                + vs("partners", "exported-to", "hosts: [stock.shop.svc.cluster.local]\n" + stock)
                + vs("web", "elsewhere", "hosts: [stock.shop.svc.cluster.local]\n" + stock)
                + vs("shop", "exports-elsewhere", "hosts: [stock]\nexportTo: [web]\n" + stock);
        assertThat(Meshes.run(new DestinationHostAnalyzer(), mesh)).containsExactly(
                "VirtualService web/elsewhere spec.http[0].route[0].destination.host DESTINATION_NOT_FOUND IST0101 ERROR "
                        + "[stock.shop.svc.cluster.local, web]",
                "VirtualService shop/exports-elsewhere spec.http[0].route[0].destination.host DESTINATION_NOT_FOUND IST0101 ERROR "
                        + "[stock.shop.svc.cluster.local, shop]");
    }

    @Test
    void aPortTheServiceDoesNotHaveIsAnError() {
        String mesh = SERVICES + vs("shop", "ports", """
                hosts: [ratings]
                http:
                - route:
                  - destination: {host: ratings, port: {number: 9080}}
                  - destination: {host: ratings, port: {number: 9999}}
                  - destination: {host: ratings}
                  - destination: {host: missing, port: {number: 1}}
                  - destination: {host: api.example.com, port: {number: 1}}
                  mirror: {host: ratings.shop.svc.cluster.local, port: {number: 10000}}
                """);
        assertThat(Meshes.run(new DestinationPortAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/ports spec.http[0].route[1].destination.port.number DESTINATION_PORT_NOT_FOUND IST0101 ERROR "
                        + "[ratings, 9999, 9080]",
                "VirtualService shop/ports spec.http[0].mirror.port.number DESTINATION_PORT_NOT_FOUND IST0101 ERROR "
                        + "[ratings.shop.svc.cluster.local, 10000, 9080]");
    }

    @Test
    void aSubsetNoDestinationRuleDefinesIsAnError() {
        String mesh = SERVICES + vs("shop", "ok", """
                hosts: [ratings]
                http:
                - route:
                  - destination: {host: ratings.shop.svc.cluster.local, subset: stable}
                  mirror: {host: ratings, subset: stable}
                """) + vs("shop", "bogus", """
                hosts: [ratings]
                http:
                - route:
                  - destination: {host: ratings, subset: stable}
                  - destination: {host: ratings, subset: canary}
                  mirror: {host: ratings, subset: shadow}
                - route:
                  - destination: {host: api.example.com, subset: v1}
                """) + vs("web", "other-namespace", """
                hosts: [ratings.shop.svc.cluster.local]
                http:
                - route:
                  - destination: {host: ratings, subset: stable}
                """);
        assertThat(Meshes.run(new SubsetAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/bogus spec.http[0].route[1].destination.subset SUBSET_NOT_FOUND IST0101 ERROR [canary, ratings]",
                "VirtualService shop/bogus spec.http[1].route[0].destination.subset SUBSET_NOT_FOUND IST0101 ERROR [v1, api.example.com]",
                "VirtualService shop/bogus spec.http[0].mirror.subset SUBSET_NOT_FOUND IST0101 ERROR [shadow, ratings]",
                // a short name is in the VirtualService's namespace: ratings.web has no DestinationRule
                "VirtualService web/other-namespace spec.http[0].route[0].destination.subset SUBSET_NOT_FOUND IST0101 ERROR [stable, ratings]");
    }

    @Test
    void aGatewayThatDoesNotExistIsAnErrorButMeshIsNone() {
        String mesh = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: public, namespace: edge}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
                """ + vs("edge", "same-namespace", "hosts: [a.example.com]\ngateways: [public, mesh]")
                + vs("shop", "cross-namespace", "hosts: [a.example.com]\ngateways: [edge/public]")
                + vs("shop", "bare-name", "hosts: [a.example.com]\ngateways: [mesh, public, edge/private, gw~istio-autogenerated-k8s-gateway~x]")
                + vs("shop", "unseen", "hosts: [a.example.com]\ngateways: [hidden/public]")
                + vs("shop", "no-spec-gateways", "hosts: [a.example.com]");
        assertThat(Meshes.run(new GatewayNotFoundAnalyzer(), mesh, ns -> !ns.equals("hidden"))).containsExactly(
                "VirtualService shop/bare-name spec.gateways[1] GATEWAY_NOT_FOUND IST0101 ERROR [public]",
                "VirtualService shop/bare-name spec.gateways[2] GATEWAY_NOT_FOUND IST0101 ERROR [edge/private]");
    }

    @Test
    void objectsWithoutSpecsOrFieldsFindNothing() {
        String mesh = vs("shop", "empty", "{}") + """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: no-spec, namespace: shop}
                """;
        for (Analyzer a : Analyzers.all()) {
            assertThat(Meshes.run(a, mesh)).as(a.getClass().getSimpleName()).isEmpty();
        }
        // nulls inside lists, as a hand-made object may hold them
        java.util.List<HTTPRoute> rules = new java.util.ArrayList<>();
        rules.add(null);
        java.util.List<HTTPRouteDestination> route = new java.util.ArrayList<>();
        route.add(null);
        route.add(new HTTPRouteDestinationBuilder().withNewDestination().withSubset("v1").endDestination().build());
        rules.add(new HTTPRouteBuilder().withRoute(route).withMatch(java.util.Arrays.asList(null, null)).build());
        java.util.List<String> gateways = java.util.Arrays.asList(null, "mesh");
        VirtualService nulls = new VirtualServiceBuilder().withNewMetadata().withName("nulls").withNamespace("shop")
                .endMetadata().withNewSpec().withHosts(java.util.Arrays.asList(null, "a")).withGateways(gateways)
                .withHttp(rules).endSpec().build();
        DestinationRule dr = new DestinationRuleBuilder().withNewMetadata().withName("nulls").withNamespace("shop")
                .endMetadata().withNewSpec().withHost("a").withSubsets(java.util.Arrays.asList(null, null)).endSpec().build();
        MeshSnapshot snapshot = ListedSnapshot.of(java.util.List.of(nulls, dr));
        for (Analyzer a : Analyzers.all()) {
            java.util.List<Finding> out = new java.util.ArrayList<>();
            for (var object : java.util.List.of(nulls, dr)) {
                if (a.appliesTo(object)) {
                    a.analyze(object, snapshot, out);
                }
            }
            // fabric8's builder turns the null rule into an empty one: a catch-all, so the rule after it
            // is rightly unreachable (IST0130); nothing else may be found and nothing may throw
            out.removeIf(f -> f.is(dev.trafficwizard.routing.DiagnosticCode.UNREACHABLE_RULE)
                    && f.path().equals("spec.http[1]") && nulls.getSpec().getHttp().get(0) != null);
            assertThat(out).as(a.getClass().getSimpleName()).isEmpty();
        }
    }
}
