package dev.trafficwizard.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * The benchmark's API server in a JVM of its own, so that the dashboard's JVM holds only what the
 * dashboard holds (and can be given the heap the Helm chart would give it): starts the embedded
 * API server with list pages ({@link PagingDispatcher}), fills it ({@link BenchSeed}, same sizes and
 * profile as the benchmark, from the same BENCH_* variables), prints its figures and then
 * {@code url=<address>}, and serves until its standard input closes (the benchmark ended).
 */
public final class BenchApiServer {

    /** Kept: java.util.logging holds loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private BenchApiServer() {
    }

    public static void main(String[] args) throws Exception {
        // the mock logs every request it answers: not while measuring
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        PagingDispatcher dispatcher = new PagingDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        String url = "http://127.0.0.1:" + server.getPort();
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty()).withMasterUrl(url)
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            long seeded = System.nanoTime();
            BenchGatewayApi.registerCrds(client);
            BenchSeed.Sizes sizes = ScaleBenchmark.SEED.seed(new DirectStore(dispatcher));
            System.out.printf("seed_s=%.1f%n", (System.nanoTime() - seeded) / 1e9);
            System.out.print(sizes.report());
        }
        System.out.println("url=" + url);
        System.out.flush();
        // serve until the benchmark closes our standard input (or dies)
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("pages")) {
                System.out.println("list_pages=" + dispatcher.pages.get());
                System.out.flush();
            }
        }
        server.destroy();
        System.exit(0);
    }
}
