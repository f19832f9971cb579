package dev.trafficwizard.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Our own live rules: NO_CATCH_ALL, WEIGHT_NO_READY_PODS, STICKY_WEIGHTED, HEADER_PROPAGATION. */
class OwnRuleAnalyzersTest {

    private static String vs(String name, String spec) {
        return "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name
                + ", namespace: shop}\nspec:\n" + spec.indent(2);
    }

    private static String deployment(String name, String version, int ready) {
        return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + ", namespace: shop}\n"
                + "spec:\n  selector: {matchLabels: {app: reviews, version: " + version + "}}\n"
                + "  template: {metadata: {labels: {app: reviews, version: " + version + "}}}\n"
                + "status: {readyReplicas: " + ready + "}\n";
    }

    private static final String REVIEWS = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: shop}
            spec: {selector: {app: reviews}, ports: [{port: 9080}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: shop}
            spec: {selector: {app: db}, ports: [{port: 5432}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: shop}
            spec:
              host: reviews
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
              - {name: v3, labels: {version: v3}}
            """ + deployment("reviews-v1", "v1", 2) + deployment("reviews-v2", "v2", 0);

    @Test
    void aLastRuleWithAMatchLeavesRequestsWithoutRoute() {
        String route = "  route: [{destination: {host: reviews}}]\n";
        String mesh = vs("last-matches", "hosts: [reviews]\nhttp:\n- match: [{uri: {prefix: /api}}]\n" + route
                        + "- match: [{headers: {x-test: {exact: a}}}, {method: {exact: GET}}]\n" + route)
                + vs("catch-all", "hosts: [reviews]\nhttp:\n- match: [{uri: {prefix: /api}}]\n" + route + "-" + route.substring(1))
                + vs("prefix-slash", "hosts: [reviews]\nhttp:\n- match: [{uri: {prefix: /}, name: all, ignoreUriCase: true}]\n" + route)
                + vs("one-entry-everything", "hosts: [reviews]\nhttp:\n- match: [{port: 8080}, {uri: {regex: \".*\"}}]\n" + route)
                + vs("source-only", "hosts: [reviews]\nhttp:\n- match: [{sourceLabels: {app: web}}]\n" + route)
                + vs("delegate", "http:\n- match: [{uri: {prefix: /api}}]\n" + route)
                // a catch-all before a rule with a match still catches everything (the rule after it is IST0130)
                + vs("catch-all-first", "hosts: [reviews]\nhttp:\n-" + route.substring(1)
                        + "- match: [{uri: {prefix: /api}}]\n" + route)
                + vs("tcp-only", "hosts: [reviews]\ntcp: [{route: [{destination: {host: reviews}}]}]");
        assertThat(Meshes.run(new NoCatchAllAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/last-matches spec.http[1].match NO_CATCH_ALL null WARNING []",
                "VirtualService shop/source-only spec.http[0].match NO_CATCH_ALL null WARNING []");
    }

    @Test
    void trafficToAVersionWithoutReadyPodsIsAWarning() {
        String mesh = REVIEWS + vs("split", """
                hosts: [reviews]
                http:
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 70}
                  - {destination: {host: reviews, subset: v2}, weight: 20}
                  - {destination: {host: reviews, subset: v3}, weight: 10}
                  - {destination: {host: reviews, subset: undefined}, weight: 0}
                - route:
                  - {destination: {host: reviews, subset: v2}, weight: 0}
                  - {destination: {host: reviews, subset: v1}, weight: 100}
                """) + vs("lone", """
                hosts: [reviews]
                http:
                - route: [{destination: {host: reviews, subset: v2}}]
                - route: [{destination: {host: reviews, subset: undefined}}]
                - route: [{destination: {host: reviews}}]
                tcp:
                - route: [{destination: {host: db}}]
                - route: [{destination: {host: api.example.com}}]
                """);
        assertThat(Meshes.run(new WeightNoReadyPodsAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/split spec.http[0].route[1] WEIGHT_NO_READY_PODS null WARNING [v2, 20]",
                "VirtualService shop/split spec.http[0].route[2] WEIGHT_NO_READY_PODS null WARNING [v3, 10]",
                "VirtualService shop/lone spec.http[0].route[0] WEIGHT_NO_READY_PODS null WARNING [v2, 100]");
        // without a ready replica of any version, a destination without subset is reported too
        String down = REVIEWS.replace("readyReplicas: 2", "readyReplicas: 0") + vs("plain", """
                hosts: [reviews]
                http:
                - route: [{destination: {host: reviews}}]
                """);
        assertThat(Meshes.run(new WeightNoReadyPodsAnalyzer(), down))
                .containsExactly("VirtualService shop/plain spec.http[0].route[0] WEIGHT_NO_READY_PODS null WARNING [reviews, 100]");
        // the service's only Deployments scaled to zero: the plainest case of no ready pod
        String scaledDown = REVIEWS.replace("spec:\n  selector: {matchLabels: {app: reviews", "spec:\n  replicas: 0\n  selector: {matchLabels: {app: reviews")
                .replace("readyReplicas: 2", "readyReplicas: 0") + vs("plain", """
                hosts: [reviews]
                http:
                - route: [{destination: {host: reviews}}]
                """);
        assertThat(scaledDown).contains("replicas: 0");
        assertThat(Meshes.run(new WeightNoReadyPodsAnalyzer(), scaledDown))
                .containsExactly("VirtualService shop/plain spec.http[0].route[0] WEIGHT_NO_READY_PODS null WARNING [reviews, 100]");
    }

    @Test
    void consistentHashingWithAWeightedSplitIsAWarning() {
        String sticky = """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews, namespace: shop}
                spec:
                  host: reviews
                  trafficPolicy: {loadBalancer: {consistentHash: {httpCookie: {name: user, ttl: 0s}}}}
                  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ratings, namespace: shop}
                spec:
                  host: ratings
                  trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v2, labels: {version: v2}, trafficPolicy: {loadBalancer: {consistentHash: {useSourceIp: true}}}}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: details, namespace: shop}
                spec:
                  host: details
                  trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}
                """;
        String split = "  - {destination: {host: %1$s, subset: v1}, weight: 90}\n  - {destination: {host: %1$s, subset: v2}, weight: 10}\n";
        String mesh = sticky
                + vs("reviews", "hosts: [reviews]\nhttp:\n- match: [{uri: {prefix: /a}}]\n  route: [{destination: {host: reviews, subset: v1}}]\n"
                        + "- route:\n" + split.formatted("reviews"))
                + vs("ratings", "hosts: [ratings]\nhttp:\n- route:\n" + split.formatted("ratings"))
                + vs("details", "hosts: [details]\nhttp:\n- route:\n" + split.formatted("details"))
                + vs("all-to-one", "hosts: [reviews]\nhttp:\n- route:\n  - {destination: {host: reviews, subset: v1}, weight: 100}\n"
                        + "  - {destination: {host: reviews, subset: v2}, weight: 0}\n")
                + vs("pinned", "hosts: [reviews]\nhttp:\n- route:\n"
                        + "  - {destination: {host: reviews, subset: v1}, weight: 90, headers: {response: {set: {Set-Cookie: v=v1}}}}\n"
                        + "  - {destination: {host: reviews, subset: v2}, weight: 10, headers: {response: {add: {set-cookie: v=v2}}}}\n");
        assertThat(Meshes.run(new StickyWeightedAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/reviews spec.http[1].route STICKY_WEIGHTED null WARNING [2]",
                "VirtualService shop/ratings spec.http[0].route STICKY_WEIGHTED null WARNING [1]");
    }

    @Test
    void routingOnACustomHeaderInsideTheMeshNeedsPropagation() {
        String route = "  route: [{destination: {host: reviews}}]\n";
        String match = "- match:\n  - {headers: {x-canary: {exact: \"on\"}, cookie: {regex: \".*beta.*\"}, \":authority\": {exact: a}}}\n"
                + "  - {headers: {end-user: {exact: jason}, \"@request.auth.claims.group\": {exact: beta}}}\n"
                + "  - {gateways: [edge/gw], headers: {x-edge-only: {exact: a}}}\n" + route + "-" + route.substring(1);
        String mesh = vs("mesh", "hosts: [reviews]\nhttp:\n" + match)
                + vs("gateway-only", "hosts: [reviews.example.com]\ngateways: [edge/gw]\nhttp:\n" + match);
        assertThat(Meshes.run(new HeaderPropagationAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/mesh spec.http[0].match[0].headers.x-canary HEADER_PROPAGATION null WARNING [x-canary]",
                "VirtualService shop/mesh spec.http[0].match[1].headers.end-user HEADER_PROPAGATION null WARNING [end-user]");
    }
}
