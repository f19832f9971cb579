package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;

/**
 * The embedded demo cluster: fabric8's CRUD mock API server in-process on a free loopback port,
 * seeded with {@link DemoSeed}. The application talks to it through a normal client, so the same
 * code paths run as against a real cluster. Inactive (nothing started) outside demo mode.
 */
public final class DemoCluster implements AutoCloseable {

    /** The seeded ServiceAccount whose token the demo maps to OPERATOR (namespace/name). */
    public static final String PIPELINE = "default/ci-pipeline";

    private final KubernetesMockServer server;
    private final String pipelineToken;

    DemoCluster(boolean active) {
        if (!active) {
            server = null;
            pipelineToken = null;
            return;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        pipelineToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new DemoTokenReviews(), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig()).build()) {
            DemoSeed.seed(client);
            DemoSeed.serviceAccount(client, PIPELINE, pipelineToken);
        }
    }

    /** The demo pipeline's bearer token (random per start); null outside demo mode. */
    public String pipelineToken() {
        return pipelineToken;
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
