package dev.trafficwizard.bench;

import dev.trafficwizard.TrafficWizardApplication;
import dev.trafficwizard.cluster.DemoSeed;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The scale benchmark (not a test): an embedded API server with 300 namespaces, 10,000 services,
 * 30,000 deployments and 5,000 routed services (VirtualService + DestinationRule, or HTTPRoute +
 * version Services for a share of them, see {@link BenchGatewayApi}); the dashboard started against
 * it; then cache sync time, heap, and p50/p99 of the pages and the preview, for Istio and for the
 * Gateway API. Prints name=value lines. The API server runs in a JVM of its own ({@link ApiServerProcess}),
 * so this JVM's heap (the Helm chart's default, see the bench profile in pom.xml) is the dashboard's.
 * Run with {@code ./mvnw -B -Pbench verify}.
 */
public final class ScaleBenchmark {

    static final int NAMESPACES = size("namespaces", 300);
    static final int SERVICES = size("services", 10_000);
    static final int VERSIONS = 3;
    static final int ROUTED = size("routed", 5_000);
    static final int REQUESTS = size("requests", 1_000);
    /** {@code realistic} (production-like objects, the default) or {@code minimal} (names, labels, one container). */
    static final String PROFILE = System.getenv().getOrDefault("BENCH_PROFILE", "realistic");
    static final BenchSeed SEED = new BenchSeed(NAMESPACES, SERVICES, VERSIONS, ROUTED, !"minimal".equals(PROFILE));
    static final BenchGatewayApi GATEWAY_API = SEED.gatewayApi();
    /**
     * Requests before each page measurement. A running dashboard is warm; a fresh JVM is not: JFR
     * shows the JIT compiling about one second per second (one of the two cores) through the first
     * 10,000 page requests, still 0.4 s per second after them, and the p99s measure that
     * (see docs/performance.md).
     */
    static final int WARMUP = size("warmup", 10_000);
    /** Warm-up of the direct-list baseline: the mock API server's scan is hot after a few calls. */
    static final int DIRECT_WARMUP = size("direct_warmup", 300);
    /** Measured requests of the direct-list baseline (a few hundred are enough to see the tail when profiling). */
    static final int DIRECT_REQUESTS = size("direct_requests", REQUESTS);

    /** A size from -Dbench.NAME or the environment variable BENCH_NAME, else the default. */
    static int size(String name, int fallback) {
        String value = System.getProperty("bench." + name, System.getenv("BENCH_" + name.toUpperCase()));
        return value == null ? fallback : Integer.parseInt(value);
    }

    public static void main(String[] args) throws Exception {
        // the API server (the demo's CRUD store with list pages and TokenReviews) runs in a JVM of its own:
        // this JVM holds the dashboard and the measuring clients only (see ApiServerProcess)
        int exit = 1;
        try (ApiServerProcess apiServer = new ApiServerProcess()) {
            run(apiServer);
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            // the dashboard's threads would keep a failed run's JVM alive
            System.exit(exit);
        }
    }

    static void run(ApiServerProcess apiServer) throws Exception {
        String url = apiServer.url;
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty()).withMasterUrl(url)
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            DemoSeed.serviceAccount(client, TOKEN_ACCOUNT, TOKEN);
            System.out.printf("profile=%s%n", PROFILE);
            System.out.printf("max_heap_mib=%d%n", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            long heapBefore = heapAfterGc();
            long pagesBefore = apiServer.pages();
            SyncHeap syncHeap = new SyncHeap();
            Path kubeconfig = kubeconfig(url);
            long start = System.nanoTime();
            ConfigurableApplicationContext app = SpringApplication.run(TrafficWizardApplication.class,
                    "--server.port=0", "--traffic-wizard.cluster.mode=kubeconfig",
                    "--traffic-wizard.cluster.kubeconfig=" + kubeconfig,
                    "--traffic-wizard.cluster.cache-sync-timeout-seconds=300",
                    "--traffic-wizard.security.users[0].name=bench",
                    "--traffic-wizard.security.users[0].password=" + new BCryptPasswordEncoder(4).encode("bench"),
                    "--traffic-wizard.security.users[0].roles=VIEWER",
                    // a pipeline's user with the default BCrypt cost, as a configured person would have
                    "--traffic-wizard.security.users[1].name=" + PIPELINE,
                    "--traffic-wizard.security.users[1].password=" + new BCryptPasswordEncoder().encode(PIPELINE),
                    "--traffic-wizard.security.users[1].roles=VIEWER",
                    "--traffic-wizard.security.service-accounts[0].name=" + TOKEN_ACCOUNT,
                    "--traffic-wizard.security.service-accounts[0].role=VIEWER",
                    "--logging.level.root=WARN");
            double syncSeconds = (System.nanoTime() - start) / 1e9;
            long peak = syncHeap.peak();
            syncHeap.close();
            System.out.printf("sync_s=%.1f%n", syncSeconds);
            System.out.printf("heap_peak_sync_mib=%d%n", (peak - heapBefore) / (1024 * 1024));
            System.out.printf("list_pages_sync=%d%n", apiServer.pages() - pagesBefore);
            System.out.printf("cache_sync_s=%.1f%n",
                    app.getBean(dev.trafficwizard.cluster.ClusterCache.class).syncMillis() / 1e3);
            System.out.printf("heap_mib=%d%n", (heapAfterGc() - heapBefore) / (1024 * 1024));
            counts(app.getBean(dev.trafficwizard.cluster.ClusterCache.class));

            checks(app);

            // how busy the machine is (other processes disturb the tails): 1-minute load average, which
            // counts the benchmark's own threads too (about 1 to 1.5 while it measures on an idle machine)
            printLoad("load_avg_before");
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            BrowserClient http = new BrowserClient("http://127.0.0.1:" + port, "bench", "bench");
            int[] i = {0};
            IntSupplier next = () -> i[0]++;
            double[] list = measure(() -> http.get("/services?namespace=" + ns(next.getAsInt() % NAMESPACES)
                    + "&q=svc"));
            double[] service = measure(() -> {
                int n = next.getAsInt();
                return http.get("/services/" + ns(n % NAMESPACES) + "/" + svc(serviceIndex(n), n % NAMESPACES));
            });
            double[] preview = measure(() -> http.postJson("/api/v1/routing/preview", plan(next.getAsInt())));
            // the same on the Gateway API's side: an ambient namespace's list (all its routed services
            // have HTTPRoutes), the page of a service routed by an HTTPRoute, a Gateway API preview of one
            List<Integer> ambient = GATEWAY_API.ambientNamespaces();
            List<int[]> routes = GATEWAY_API.routedServices();
            double[] listAmbient = measure(() -> http.get("/services?namespace="
                    + ns(ambient.get(next.getAsInt() % ambient.size())) + "&q=svc"));
            double[] serviceGatewayApi = measure(() -> {
                int[] r = routes.get(next.getAsInt() % routes.size());
                return http.get("/services/" + ns(r[0]) + "/" + svc(r[1], r[0]));
            });
            double[] previewGatewayApi = measure(() -> {
                int n = next.getAsInt();
                int[] r = routes.get(n % routes.size());
                return http.postJson("/api/v1/routing/preview", gatewayApiPlan(r[0], r[1], n));
            });
            printLoad("load_avg_pages");
            // the same after the pages: what the rendered rows and kept summaries of the pages seen added
            System.out.printf("heap_after_pages_mib=%d%n", (heapAfterGc() - heapBefore) / (1024 * 1024));
            print("list", list);
            print("service", service);
            print("preview", preview);
            print("list_ambient", listAmbient);
            print("service_gateway_api", serviceGatewayApi);
            print("preview_gateway_api", previewGatewayApi);
            double[] direct = measure(DIRECT_WARMUP, DIRECT_REQUESTS,
                    () -> directList(client, ns(next.getAsInt() % NAMESPACES)));
            System.out.printf("direct_list_p99_ms=%.2f%n", direct[1]);
            System.out.printf("cached_speedup=%.1f%n", direct[1] / list[1]);
            hostile(http);
            throughput("http://127.0.0.1:" + port);
            app.close();
        }
    }

    /**
     * What the live checks cost: the dashboard's own full check, which starts when the caches have
     * synced and runs in the background (pages do not wait for it), then, on the same caches, a full
     * check and rechecks after one VirtualService changes measured directly (the embedded API
     * server's watch delivers some events only seconds later, which would measure it, not the checks).
     */
    static void checks(ConfigurableApplicationContext app) {
        dev.trafficwizard.workflow.MeshChecks checks = app.getBean(dev.trafficwizard.workflow.MeshChecks.class);
        long waited = System.nanoTime();
        checks.awaitIdle(600_000);
        System.out.printf("checks_background_full_s=%.2f%n", checks.fullMillis() / 1e3);
        System.out.printf("checks_wait_after_sync_s=%.2f%n", (System.nanoTime() - waited) / 1e9);
        System.out.printf("checks_findings=%d%n", checks.findings().size());
        double[] m = dev.trafficwizard.workflow.BenchChecks.measure(
                app.getBean(dev.trafficwizard.cluster.ClusterCache.class), size("check_changes", 1000));
        System.out.printf("checks_full_s=%.2f%n", m[0] / 1e3);
        System.out.printf("checks_incremental_ms=%.3f%nchecks_incremental_p99_ms=%.3f%n", m[1], m[2]);
        System.out.printf("checks_incremental_objects=%.0f%n", m[3]);
        double[] r = dev.trafficwizard.workflow.BenchChecks.measureHttpRoutes(
                app.getBean(dev.trafficwizard.cluster.ClusterCache.class), size("check_changes", 1000));
        System.out.printf("checks_incremental_httproute_ms=%.3f%nchecks_incremental_httproute_p99_ms=%.3f%n",
                r[0], r[1]);
        System.out.printf("checks_incremental_httproute_objects=%.0f%n", r[2]);
    }

    static final String PIPELINE = "pipeline";
    /** A ServiceAccount (namespace/name) and its token, verified by the API server's TokenReview. */
    static final String TOKEN_ACCOUNT = "default/bench-pipeline";
    static final String TOKEN = "bench-token-" + java.util.UUID.randomUUID();
    static final int CLIENTS = size("clients", 8);
    static final int LOAD_SECONDS = size("load_seconds", 10);

    /**
     * What hostile previews cost: one at the rule limit (50 rules), and one far over it (3,000
     * rules, under the body limit), which must be refused before any work.
     */
    static void hostile(BrowserClient http) throws Exception {
        int n = Math.min(REQUESTS, 300);
        // team-1's first service: routed with Istio (team-0 is ambient, where the namespace chooses the
        // Gateway API, whose HTTPRoute CRD allows 16 rules: 50 are refused there with 422)
        int istio = 1 % NAMESPACES;
        print("hostile_50_rules", measure(n, n, () -> http.postJson("/api/v1/routing/preview", rules(istio, 50))));
        print("hostile_over_limit", measure(n, n,
                () -> http.postJsonExpecting("/api/v1/routing/preview", rules(istio, 3_000), 422)));
    }

    /** A plan of {@code count} rules: header rules to v2, then everything else to v1. */
    static String rules(int i, int count) {
        int nsIndex = i % NAMESPACES;
        StringBuilder json = new StringBuilder("{\"namespace\":\"" + ns(nsIndex) + "\",\"service\":\""
                + svc(serviceIndex(i), nsIndex) + "\",\"rules\":[");
        for (int r = 0; r < count - 1; r++) {
            json.append("{\"match\":[{\"headers\":{\"x-user\":{\"exact\":\"u").append(r)
                    .append("\"}}}],\"route\":[{\"version\":\"v2\"}]},");
        }
        return json.append("{\"route\":[{\"version\":\"v1\"}]}]}").toString();
    }

    /**
     * Requests per second of a weighted plan's preview with {@code BENCH_CLIENTS} (8)
     * concurrent clients: over a session cookie (a browser), HTTP Basic (a person's password, BCrypt cost
     * 10) and a ServiceAccount bearer token.
     */
    static void throughput(String base) throws Exception {
        double session = ApiLoad.rps(CLIENTS, 5, LOAD_SECONDS, () -> {
            BrowserClient c = new BrowserClient(base, "bench", "bench");
            return n -> c.postJson("/api/v1/routing/preview", plan(n));
        });
        System.out.printf("api_session_rps=%.0f%n", session);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((PIPELINE + ":" + PIPELINE)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        double basicRps = ApiLoad.rps(CLIENTS, 5, LOAD_SECONDS, () -> {
            BrowserClient c = new BrowserClient(base, java.util.Map.of("Authorization", basic));
            return n -> c.postJson("/api/v1/routing/preview", plan(n));
        });
        System.out.printf("api_basic_rps=%.0f%n", basicRps);
        double tokenRps = ApiLoad.rps(CLIENTS, 5, LOAD_SECONDS, () -> {
            BrowserClient c = new BrowserClient(base, java.util.Map.of("Authorization", "Bearer " + TOKEN));
            return n -> c.postJson("/api/v1/routing/preview", plan(n));
        });
        System.out.printf("api_token_rps=%.0f%n", tokenRps);
    }

    static String ns(int i) {
        return BenchSeed.ns(i);
    }

    static String svc(int i, int nsIndex) {
        return BenchSeed.svc(i, nsIndex);
    }

    /**
     * What a page would cost without caches: list the namespace's services, deployments and routing
     * (VirtualServices, DestinationRules and HTTPRoutes).
     */
    static int directList(KubernetesClient client, String ns) {
        var istio = client.adapt(io.fabric8.istio.client.IstioClient.class).v1();
        return client.services().inNamespace(ns).list().getItems().size()
                + client.apps().deployments().inNamespace(ns).list().getItems().size()
                + istio.virtualServices().inNamespace(ns).list().getItems().size()
                + istio.destinationRules().inNamespace(ns).list().getItems().size()
                + client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class).inNamespace(ns)
                .list().getItems().size();
    }

    /**
     * What the dashboard's caches hold after sync, beside what was seeded: the run stops when an
     * HTTPRoute or a version Service was not read (the Gateway API figures would measure nothing).
     */
    static void counts(dev.trafficwizard.cluster.ClusterCache cache) {
        int routes = GATEWAY_API.routedServices().size();
        System.out.printf("namespaces=%d%nambient_namespaces=%d%nservices=%d%nversion_services=%d%n",
                NAMESPACES, GATEWAY_API.ambientNamespaces().size(), cache.serviceCount(),
                cache.versionServiceCount());
        System.out.printf("virtualservices=%d%ndestinationrules=%d%nhttproutes=%d%n", cache.virtualServices().size(),
                cache.destinationRules().size(), cache.httpRoutes().size());
        if (cache.httpRoutes().size() != routes || cache.versionServiceCount() != 2 * routes
                || cache.virtualServices().size() != ROUTED - routes) {
            throw new IllegalStateException("the caches hold " + cache.httpRoutes().size() + " HTTPRoutes, "
                    + cache.versionServiceCount() + " version Services and " + cache.virtualServices().size()
                    + " VirtualServices; seeded: " + routes + ", " + 2 * routes + ", " + (ROUTED - routes));
        }
    }

    /** A weighted plan written with the Gateway API ({@code "api": "gateway-api"}) for service s of a namespace. */
    static String gatewayApiPlan(int nsIndex, int s, int i) {
        int weight = 10 + i % 80;
        return "{\"namespace\":\"" + ns(nsIndex) + "\",\"service\":\"" + svc(s, nsIndex)
                + "\",\"api\":\"gateway-api\",\"rules\":[{\"route\":[{\"version\":\"v1\",\"weight\":"
                + (100 - weight) + "},{\"version\":\"v2\",\"weight\":" + weight + "}]}]}";
    }

    /**
     * The service of request {@code n} in namespace {@code n % NAMESPACES}: requests walk through
     * every service (one per namespace in turn) before one comes again.
     */
    static int serviceIndex(int n) {
        return n / NAMESPACES % (SERVICES / NAMESPACES);
    }

    static String plan(int i) {
        int nsIndex = i % NAMESPACES;
        int weight = 10 + i % 80;
        return "{\"namespace\":\"" + ns(nsIndex) + "\",\"service\":\"" + svc(serviceIndex(i), nsIndex)
                + "\",\"rules\":[{\"route\":[{\"version\":\"v1\",\"weight\":" + (100 - weight)
                + "},{\"version\":\"v2\",\"weight\":" + weight + "}]}]}";
    }

    interface Call {
        int run() throws Exception;
    }

    /**
     * Where each measured request's start (JVM uptime, ms) and duration go when BENCH_DUMP is set,
     * one file per figure ({@code <prefix>-0.txt} is the list page): to line slow requests up with
     * a GC log ({@code -Xlog:gc:file=...:uptime}).
     */
    static final String DUMP = System.getenv("BENCH_DUMP");
    static int dumps;

    static double[] measure(Call call) throws Exception {
        return measure(WARMUP, REQUESTS, call);
    }

    /**
     * {@code warmup} calls, then {@code requests} timed calls: returns {p50, p99, p90, max} in
     * milliseconds. Warm-up calls run through the same loop and are timed the same way, only not
     * kept: the first measured calls then run code the JIT has already compiled, on the client's
     * side too (a separate warm-up loop left the measuring loop to be compiled while it measured).
     */
    static double[] measure(int warmup, int requests, Call call) throws Exception {
        List<Double> millis = new ArrayList<>(requests);
        List<String> lines = new ArrayList<>(requests);
        for (int i = 0; i < warmup + requests; i++) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            long t = System.nanoTime();
            call.run();
            double took = (System.nanoTime() - t) / 1e6;
            if (i >= warmup) {
                millis.add(took);
                lines.add(uptime + " " + took);
            }
        }
        if (DUMP != null) {
            Files.write(Path.of(DUMP + "-" + dumps++ + ".txt"), lines);
        }
        Collections.sort(millis);
        return new double[]{percentile(millis, 50), percentile(millis, 99), percentile(millis, 90),
                millis.get(millis.size() - 1)};
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        return sorted.get((int) Math.ceil(sorted.size() * p / 100.0) - 1);
    }

    static void printLoad(String name) {
        System.out.printf("%s=%.2f%n", name, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static void print(String name, double[] p) {
        System.out.printf("%s_p50_ms=%.2f%n%s_p99_ms=%.2f%n", name, p[0], name, p[1]);
        // the shape of the tail, to tell a slow page from a few stalls (not targets)
        System.out.printf("%s_p90_ms=%.2f%n%s_max_ms=%.2f%n", name, p[2], name, p[3]);
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static Path kubeconfig(String url) throws Exception {
        Path file = Files.createTempFile("bench-kubeconfig", ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: bench
                clusters: [{name: bench, cluster: {server: "%s"}}]
                contexts: [{name: bench, context: {cluster: bench, user: bench}}]
                users: [{name: bench, user: {token: bench}}]
                """.formatted(url));
        return file;
    }
}
