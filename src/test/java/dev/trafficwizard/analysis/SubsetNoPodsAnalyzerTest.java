package dev.trafficwizard.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** IST0173 (DestinationRuleSubsetNotSelectPods), with Deployments standing for pods. */
class SubsetNoPodsAnalyzerTest {

    private static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: httpbin, namespace: shop}
            spec: {selector: {app: httpbin}, ports: [{port: 8000}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: httpbin-v1, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: httpbin, version: v1}}
              template: {metadata: {labels: {app: httpbin, version: v1}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: httpbin-v2, namespace: shop}
            spec:
              replicas: 0
              selector: {matchLabels: {app: httpbin, version: v2}}
              template: {metadata: {labels: {app: httpbin, version: v2}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: other-v3, namespace: shop}
            spec:
              selector: {matchLabels: {app: other, version: v3}}
              template: {metadata: {labels: {app: other, version: v3}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: httpbin-v4, namespace: elsewhere}
            spec:
              selector: {matchLabels: {app: httpbin, version: v4}}
              template: {metadata: {labels: {app: httpbin, version: v4}}}
            """;

    private static String dr(String ns, String name, String host, String subsets) {
        return "---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: " + name
                + ", namespace: " + ns + "}\nspec:\n  host: " + host + "\n  subsets: " + subsets + "\n";
    }

    @Test
    void aSubsetWhoseLabelsSelectNoWorkloadIsAnError() {
        String mesh = MESH + dr("shop", "httpbin", "httpbin.shop.svc.cluster.local", """
                [{name: v1, labels: {version: v1}}, {name: fake, labels: {version: v3}},
                 {name: scaled-to-zero, labels: {version: v2}}, {name: other-namespace, labels: {version: v4}},
                 {name: all, labels: {}}, {name: zone, labels: {version: v1, topology.kubernetes.io/zone: eu-1a}},
                 {name: contradicts-selector, labels: {app: other}},
                 {name: empty-region, labels: {topology.kubernetes.io/region: ""}}]""");
        assertThat(Meshes.run(new SubsetNoPodsAnalyzer(), mesh)).containsExactly(
                "DestinationRule shop/httpbin spec.subsets[1] SUBSET_NO_PODS IST0173 ERROR [fake]",
                "DestinationRule shop/httpbin spec.subsets[2] SUBSET_NO_PODS IST0173 ERROR [scaled-to-zero]",
                "DestinationRule shop/httpbin spec.subsets[3] SUBSET_NO_PODS IST0173 ERROR [other-namespace]",
                "DestinationRule shop/httpbin spec.subsets[6] SUBSET_NO_PODS IST0173 ERROR [contradicts-selector]",
                // as Istio's own empty-topology-labels case: an empty locality label matches no pod
                "DestinationRule shop/httpbin spec.subsets[7] SUBSET_NO_PODS IST0173 ERROR [empty-region]");
    }

    @Test
    void hostsThatAreNoKnownServiceAreSkipped() {
        String fake = "[{name: v9, labels: {version: v9}}]";
        String mesh = MESH + dr("shop", "fake-host", "fake-svc.shop.svc.cluster.local", fake)
                + dr("shop", "external", "api.example.com", fake)
                + dr("shop", "wildcard", "\"*.shop.svc.cluster.local\"", fake)
                + dr("hidden", "unseen", "httpbin", fake)
                + dr("web", "short-name-elsewhere", "httpbin", fake)
                + dr("shop", "no-subsets", "httpbin", "[]");
        assertThat(Meshes.run(new SubsetNoPodsAnalyzer(), mesh, ns -> !ns.equals("hidden"))).isEmpty();
        // the same subset on the known service is reported, from another namespace too
        assertThat(Meshes.run(new SubsetNoPodsAnalyzer(), MESH + dr("web", "cross", "httpbin.shop.svc.cluster.local", fake)))
                .containsExactly("DestinationRule web/cross spec.subsets[0] SUBSET_NO_PODS IST0173 ERROR [v9]");
    }
}
