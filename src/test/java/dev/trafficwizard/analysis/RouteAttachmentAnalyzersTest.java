package dev.trafficwizard.analysis;

import org.junit.jupiter.api.Test;

import static dev.trafficwizard.analysis.RouteReferenceAnalyzersTest.route;
import static org.assertj.core.api.Assertions.assertThat;

/** Whether an HTTPRoute attaches to its Gateway parents (listener hostnames, allowedRoutes) and ambient waypoints. */
class RouteAttachmentAnalyzersTest {

    private static final String KIND = "HTTPRoute.gateway.networking.k8s.io";

    private static final String GATEWAYS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {gateway-access: "yes"}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: other}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: infra}
            spec:
              gatewayClassName: istio
              listeners:
              - {name: shop, port: 80, protocol: HTTP, hostname: "*.shop.example.com",
                 allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {gateway-access: "yes"}}}}}
              - {name: api, port: 8080, protocol: HTTP, hostname: api.example.com, allowedRoutes: {namespaces: {from: All}}}
              - {name: tcp, port: 9000, protocol: TCP, allowedRoutes: {namespaces: {from: All}}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: local, namespace: shop}
            spec:
              gatewayClassName: istio
              listeners: [{name: http, port: 80, protocol: HTTP}]
            """;

    @Test
    void aGatewayParentWhoseListenersMatchNoneOfTheRoutesHostnamesIsAnError() {
        String mesh = GATEWAYS + route("shop", "wrong-host", """
                parentRefs: [{name: web, namespace: infra}]
                hostnames: [shop.example.org, www.example.com]
                """) + route("shop", "subdomain", """
                parentRefs: [{name: web, namespace: infra}]
                hostnames: [cart.eu.shop.example.com]
                """) + route("shop", "wildcard", """
                parentRefs: [{name: web, namespace: infra}]
                hostnames: ["*.example.com"]
                """) + route("shop", "no-hostnames", """
                parentRefs: [{name: web, namespace: infra}]
                """) + route("shop", "section", """
                parentRefs: [{name: web, namespace: infra, sectionName: api}, {name: web, namespace: infra, port: 80}]
                hostnames: [cart.shop.example.com]
                """) + route("shop", "listener-without-hostname", """
                parentRefs: [{name: local}]
                hostnames: [anything.example.net]
                """);
        assertThat(Meshes.run(new RouteHostnameAnalyzer(), mesh)).containsExactly(
                KIND + " shop/wrong-host spec.parentRefs[0] ROUTE_HOSTNAME_NOT_IN_GATEWAY null ERROR"
                        + " [infra/web, shop.example.org, www.example.com]",
                KIND + " shop/section spec.parentRefs[0] ROUTE_HOSTNAME_NOT_IN_GATEWAY null ERROR [infra/web, cart.shop.example.com]");
    }

    @Test
    void aGatewayParentWhoseListenersRefuseTheRoutesNamespaceIsAnError() {
        String mesh = GATEWAYS + route("shop", "selected", """
                parentRefs: [{name: web, namespace: infra, sectionName: shop}, {name: local}]
                """) + route("other", "not-selected", """
                parentRefs: [{name: web, namespace: infra, sectionName: shop}, {name: web, namespace: infra},
                             {name: local, namespace: shop}]
                """) + route("unknown", "labels-unknown", """
                parentRefs: [{name: web, namespace: infra, sectionName: shop}]
                """);
        // "unknown" has no Namespace object: its labels are unknown, a selector is not judged
        assertThat(Meshes.run(new RouteNamespaceNotAllowedAnalyzer(), mesh)).containsExactly(
                KIND + " other/not-selected spec.parentRefs[0] ROUTE_NAMESPACE_NOT_ALLOWED null ERROR [infra/web, other]",
                KIND + " other/not-selected spec.parentRefs[2] ROUTE_NAMESPACE_NOT_ALLOWED null ERROR [shop/local, other]");
        // a listener refusing the namespace is not also reported for its hostname
        assertThat(Meshes.run(new RouteHostnameAnalyzer(), GATEWAYS + route("other", "x", """
                parentRefs: [{name: web, namespace: infra, sectionName: shop}]
                hostnames: [elsewhere.example.org]
                """))).isEmpty();
    }

    private static final String AMBIENT = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: amb-wp, labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: sidecars, labels: {istio-injection: enabled}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: plain, namespace: amb}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: own, namespace: amb, labels: {istio.io/use-waypoint: own-wp}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: lost, namespace: amb, labels: {istio.io/use-waypoint: nowhere}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: opted-out, namespace: amb-wp, labels: {istio.io/use-waypoint: none}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: inherits, namespace: amb-wp}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: shared, namespace: amb, labels: {istio.io/use-waypoint: wp, istio.io/use-waypoint-namespace: infra}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: s, namespace: sidecars}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: own-wp, namespace: amb}
            spec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: wp, namespace: infra}
            spec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}
            """;

    private static String meshRoute(String ns, String service) {
        return route(ns, service, "parentRefs: [{group: \"\", kind: Service, name: " + service + "}]\n");
    }

    @Test
    void inAmbientARouteForAServiceWithoutWaypointHasNoEffect() {
        String mesh = AMBIENT + meshRoute("amb", "plain") + meshRoute("amb", "own") + meshRoute("amb-wp", "opted-out")
                + meshRoute("amb", "shared") + meshRoute("sidecars", "s");
        var found = RouteReferenceAnalyzersTest.analyze(new WaypointAnalyzer(), mesh, ns -> true);
        assertThat(found.stream().map(Meshes::line)).containsExactly(
                KIND + " amb/plain spec.parentRefs[0] ROUTE_NO_WAYPOINT null WARNING [amb/plain, amb]",
                KIND + " amb-wp/opted-out spec.parentRefs[0] ROUTE_NO_WAYPOINT null WARNING [amb-wp/opted-out, amb-wp]");
        assertThat(YamlObjects.english(found.get(0))).contains("this route has no effect")
                .contains("L7 routing in ambient mode needs a waypoint");
    }

    @Test
    void aUseWaypointLabelNamingNoGatewayIsAWarning() {
        String mesh = AMBIENT + meshRoute("amb", "lost") + meshRoute("amb-wp", "inherits") + meshRoute("amb", "own");
        assertThat(Meshes.run(new WaypointAnalyzer(), mesh)).containsExactly(
                KIND + " amb/lost spec.parentRefs[0] WAYPOINT_NOT_FOUND null WARNING [amb/nowhere, Service amb/lost]",
                KIND + " amb-wp/inherits spec.parentRefs[0] WAYPOINT_NOT_FOUND null WARNING [amb-wp/waypoint, Namespace amb-wp]");
        // the namespace's waypoint, once it exists, serves the service
        assertThat(Meshes.run(new WaypointAnalyzer(), mesh + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: waypoint, namespace: amb-wp}
                spec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}
                """)).containsExactly(
                KIND + " amb/lost spec.parentRefs[0] WAYPOINT_NOT_FOUND null WARNING [amb/nowhere, Service amb/lost]");
    }
}
