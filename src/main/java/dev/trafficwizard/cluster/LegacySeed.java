package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's namespace {@code legacy}: services with hand-written routing (not labelled as managed
 * by Traffic Wizard) that is broken on purpose, one problem per check, so the Checks page and the
 * service pages have something to show. Each service carries exactly one problem:
 * <pre>
 * catalog          IST0101 SUBSET_NOT_FOUND       VS routes to subset v3, the DestinationRule defines v1, v2
 * inventory        IST0101 DESTINATION_NOT_FOUND  VS routes to host inventory-v2 (no such Service)
 * storefront       IST0101 GATEWAY_NOT_FOUND      VS bound to Gateway storefront-gateway (none)
 * orders           IST0109 CONFLICTING_MESH_HOSTS VirtualServices orders and orders-canary, both on host orders in the mesh
 * payments         IST0130 UNREACHABLE_RULE       a second rule without match after the first
 * search           IST0131 INEFFECTIVE_MATCH      prefix /api before prefix /api/v1
 * shop             IST0132 HOST_NOT_IN_GATEWAY    VS host shop.example.org on a Gateway for shop.legacy.example.com
 * (Gateways)       IST0145 CONFLICTING_GATEWAYS   legacy-gateway and legacy-gateway-copy: legacy.example.com:80 on the ingress
 * reports          IST0173 SUBSET_NO_PODS         DestinationRule subset v2 selects no Deployment
 * billing          NO_CATCH_ALL                   the only rule matches /invoices
 * accounts         WEIGHT_NO_READY_PODS           20 % to v2, whose one replica is not ready
 * recommendations  STICKY_WEIGHTED                cookie hashing with a 50/50 split
 * profile          HEADER_PROPAGATION             mesh rule on header x-dark
 * </pre>
 * Hosts are {@code *.legacy.example.com} or {@code shop.example.org} so they never clash with the
 * hosts the forms and tests use ({@code www.fleetman.com} …).
 */
final class LegacySeed {

    static final String NAMESPACE = "legacy";

    /** A Deployment of a service: version, desired and ready replicas. */
    record Workload(String version, int replicas, int ready) {
    }

    static final Map<String, List<Workload>> SERVICES = services();

    private LegacySeed() {
    }

    private static Map<String, List<Workload>> services() {
        Map<String, List<Workload>> s = new LinkedHashMap<>();
        s.put("accounts", List.of(new Workload("v1", 2, 2), new Workload("v2", 1, 0)));
        s.put("billing", List.of(new Workload("v1", 1, 1)));
        s.put("catalog", List.of(new Workload("v1", 2, 2), new Workload("v2", 2, 1)));
        s.put("inventory", List.of(new Workload("v1", 1, 1)));
        s.put("orders", List.of(new Workload("v1", 2, 2)));
        s.put("payments", List.of(new Workload("v1", 2, 2), new Workload("v2", 1, 1)));
        s.put("profile", List.of(new Workload("v1", 2, 2), new Workload("v2", 1, 1)));
        s.put("recommendations", List.of(new Workload("v1", 1, 1), new Workload("v2", 1, 1)));
        s.put("reports", List.of(new Workload("v1", 1, 1)));
        s.put("search", List.of(new Workload("v1", 2, 2), new Workload("v2", 1, 1)));
        s.put("shop", List.of(new Workload("v1", 2, 1)));
        s.put("storefront", List.of(new Workload("v1", 1, 1)));
        return s;
    }

    static void seed(KubernetesClient client) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        SERVICES.forEach((name, workloads) -> {
            DemoSeed.service(client, NAMESPACE, name, Map.of("app", name), 9080);
            for (Workload w : workloads) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("app", name);
                labels.put("version", w.version());
                DemoSeed.deployment(client, NAMESPACE, name + "-" + w.version(), labels, w.replicas(), w.ready());
            }
        });
        for (String yaml : ROUTING) {
            client.resource(yaml).inNamespace(NAMESPACE).create();
        }
    }

    private static String vs(String name, String spec) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: %s
                  namespace: legacy
                spec:
                %s""".formatted(name, spec.indent(2));
    }

    /** #18 own: the Argo CD Application that the demo's legacy VirtualService billing belongs to. */
    static final String ARGO_CD_APP = "legacy-apps";

    /** The object with Argo CD's tracking-id annotation ({@code <app>:<group>/<kind>:<namespace>/<name>}). */
    private static String tracked(String yaml, String app) {
        String kind = yaml.lines().filter(l -> l.startsWith("kind: ")).findFirst().orElseThrow().substring(6);
        String name = yaml.lines().filter(l -> l.startsWith("  name: ")).findFirst().orElseThrow().substring(8);
        return yaml.replace("  namespace: legacy\n", "  namespace: legacy\n  annotations:\n"
                + "    argocd.argoproj.io/tracking-id: " + app + ":networking.istio.io/" + kind + ":legacy/" + name + "\n");
    }

    private static String dr(String name, String spec) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata:
                  name: %s
                  namespace: legacy
                spec:
                %s""".formatted(name, spec.indent(2));
    }

    private static String gateway(String name, String host) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: %s
                  namespace: legacy
                spec:
                  selector:
                    istio: ingressgateway
                  servers:
                  - port:
                      number: 80
                      name: http
                      protocol: HTTP
                    hosts:
                    - %s
                """.formatted(name, host);
    }

    private static final String TWO_SUBSETS = """
            subsets:
            - name: v1
              labels:
                version: v1
            - name: v2
              labels:
                version: v2
            """;

    static final List<String> ROUTING = List.of(
            // IST0101: subset v3 is not defined
            dr("catalog", "host: catalog\n" + TWO_SUBSETS),
            vs("catalog", """
                    hosts:
                    - catalog
                    http:
                    - route:
                      - destination:
                          host: catalog
                          subset: v3
                    """),
            // IST0101: no Service inventory-v2
            vs("inventory", """
                    hosts:
                    - inventory
                    http:
                    - route:
                      - destination:
                          host: inventory-v2
                    """),
            // IST0101: no Gateway storefront-gateway
            vs("storefront", """
                    hosts:
                    - storefront.legacy.example.com
                    gateways:
                    - storefront-gateway
                    http:
                    - route:
                      - destination:
                          host: storefront
                    """),
            // IST0109: two mesh VirtualServices for host orders
            vs("orders", """
                    hosts:
                    - orders
                    http:
                    - route:
                      - destination:
                          host: orders
                    """),
            vs("orders-canary", """
                    hosts:
                    - orders
                    http:
                    - route:
                      - destination:
                          host: orders
                    """),
            // IST0130: rule "v2-for-everyone" comes after a rule without match, which takes every request
            dr("payments", "host: payments\n" + TWO_SUBSETS),
            vs("payments", """
                    hosts:
                    - payments
                    http:
                    - name: stable
                      route:
                      - destination:
                          host: payments
                          subset: v1
                    - name: v2-for-everyone
                      route:
                      - destination:
                          host: payments
                          subset: v2
                    """),
            // IST0131: prefix /api comes before /api/v1
            dr("search", "host: search\n" + TWO_SUBSETS),
            vs("search", """
                    hosts:
                    - search
                    http:
                    - match:
                      - uri:
                          prefix: /api
                      route:
                      - destination:
                          host: search
                          subset: v1
                    - match:
                      - uri:
                          prefix: /api/v1
                      route:
                      - destination:
                          host: search
                          subset: v2
                    - route:
                      - destination:
                          host: search
                          subset: v1
                    """),
            // IST0132: the Gateway accepts shop.legacy.example.com, the VirtualService asks for shop.example.org
            gateway("shop-gateway", "shop.legacy.example.com"),
            vs("shop", """
                    hosts:
                    - shop.example.org
                    gateways:
                    - shop-gateway
                    http:
                    - route:
                      - destination:
                          host: shop
                    """),
            // IST0145: two Gateways for legacy.example.com:80 on the ingress gateway
            gateway("legacy-gateway", "legacy.example.com"),
            gateway("legacy-gateway-copy", "legacy.example.com"),
            // IST0173: subset v2 selects no pods
            dr("reports", "host: reports\n" + TWO_SUBSETS),
            // NO_CATCH_ALL: only /invoices is routed; #18 own: owned by the Argo CD Application legacy-apps
            // (its tracking-id annotation), so the pages show the owner and writes to it are refused
            tracked(vs("billing", """
                    hosts:
                    - billing
                    http:
                    - match:
                      - uri:
                          prefix: /invoices
                      route:
                      - destination:
                          host: billing
                    """), ARGO_CD_APP),
            // WEIGHT_NO_READY_PODS: v2 gets 20 % and has no ready pod
            dr("accounts", "host: accounts\n" + TWO_SUBSETS),
            vs("accounts", """
                    hosts:
                    - accounts
                    http:
                    - route:
                      - destination:
                          host: accounts
                          subset: v1
                        weight: 80
                      - destination:
                          host: accounts
                          subset: v2
                        weight: 20
                    """),
            // STICKY_WEIGHTED: cookie hashing with a weighted split
            dr("recommendations", """
                    host: recommendations
                    trafficPolicy:
                      loadBalancer:
                        consistentHash:
                          httpCookie:
                            name: user
                            ttl: 0s
                    """ + TWO_SUBSETS),
            vs("recommendations", """
                    hosts:
                    - recommendations
                    http:
                    - route:
                      - destination:
                          host: recommendations
                          subset: v1
                        weight: 50
                      - destination:
                          host: recommendations
                          subset: v2
                        weight: 50
                    """),
            // HEADER_PROPAGATION: a dark release on header x-dark inside the mesh
            dr("profile", "host: profile\n" + TWO_SUBSETS),
            vs("profile", """
                    hosts:
                    - profile
                    http:
                    - match:
                      - headers:
                          x-dark:
                            exact: "true"
                      route:
                      - destination:
                          host: profile
                          subset: v2
                    - route:
                      - destination:
                          host: profile
                          subset: v1
                    """));
}
