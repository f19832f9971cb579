package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** A seeded demo cluster with a client and synced caches, for tests outside Spring. */
public final class DemoClusterFixture implements AutoCloseable {

    private final DemoCluster demo = new DemoCluster(true);
    private final KubernetesClient client = new KubernetesClientBuilder().withConfig(demo.clientConfig()).build();
    private final ClusterProperties properties = new ClusterProperties(ClusterProperties.Mode.DEMO, null, null, 10, 5000);
    private final ClusterCache cache;

    public DemoClusterFixture() {
        this(true);
    }

    /** @param gatewayApi false removes the Gateway API's CRDs before the caches start: a cluster without it */
    public DemoClusterFixture(boolean gatewayApi) {
        if (!gatewayApi) {
            client.apiextensions().v1().customResourceDefinitions().withName(GatewayApiInformers.HTTPROUTES_CRD).delete();
            client.apiextensions().v1().customResourceDefinitions().withName(GatewayApiInformers.GATEWAYS_CRD).delete();
        }
        cache = new ClusterCache(client, properties, new ClusterInfo(ClusterProperties.Mode.DEMO, "demo", demo.url()));
    }

    public KubernetesClient client() {
        return client;
    }

    public ClusterCache cache() {
        return cache;
    }

    /** The Rollouts and Canaries of the demo cluster, read afresh by each new instance. */
    public ForeignReleases foreignReleases() {
        return new ForeignReleases(client);
    }

    public RoutingApplier applier() {
        return new RoutingApplier(client, cache, properties);
    }

    @Override
    public void close() {
        cache.close();
        client.close();
        demo.close();
    }
}
