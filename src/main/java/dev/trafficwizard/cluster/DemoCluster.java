package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;

/**
 * The embedded demo cluster: fabric8's CRUD mock API server in-process on a free loopback port,
 * seeded with {@link DemoSeed}. The application talks to it through a normal client, so the same
 * code paths run as against a real cluster. Inactive (nothing started) outside demo mode.
 */
public final class DemoCluster implements AutoCloseable {

    private final KubernetesMockServer server;

    DemoCluster(boolean active) {
        if (!active) {
            server = null;
            return;
        }
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig()).build()) {
            DemoSeed.seed(client);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    Config clientConfig() {
        return new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace("default")
                .withTrustCerts(true)
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    @Override
    public void close() {
        if (server != null) {
            server.destroy();
        }
    }
}
