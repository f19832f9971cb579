package dev.trafficwizard.metrics;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny exporter of Istio's standard series for a real Prometheus to scrape: counters growing at
 * known rates since it started.
 *
 * <ul>
 *   <li>reviews v1: 10 req/s, all 200, every request within 50 ms;</li>
 *   <li>reviews v2: 3 req/s 200 and 1 req/s 500 (75 % success); 90 % within 100 ms, 10 % between
 *       250 and 500 ms (p99 interpolated in that bucket: 475 ms);</li>
 *   <li>reviews v3: 2 req/s, all 503 (0 % success);</li>
 *   <li>ratings v1: 4 req/s, all 200;</li>
 *   <li>productpage v1: 50 req/s (never asked for); and every reviews series again with
 *       {@code reporter="source"}, which the destination reporter must not count twice.</li>
 * </ul>
 */
final class IstioExporter implements AutoCloseable {

    static final String REVIEWS = "reviews.bookinfo.svc.cluster.local";
    static final String RATINGS = "ratings.bookinfo.svc.cluster.local";
    static final String PRODUCTPAGE = "productpage.bookinfo.svc.cluster.local";
    private static final String[] LE = {"10", "50", "100", "250", "500", "1000", "+Inf"};

    private final HttpServer server;
    private final long started = System.nanoTime();
    private final AtomicInteger scrapes = new AtomicInteger();

    IstioExporter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            scrapes.incrementAndGet();
        });
        server.start();
    }

    String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int scrapes() {
        return scrapes.get();
    }

    private String exposition() {
        double t = (System.nanoTime() - started) / 1e9;
        StringBuilder out = new StringBuilder();
        out.append("# TYPE istio_requests_total counter\n");
        for (String reporter : new String[] {"destination", "source"}) {
            requests(out, reporter, REVIEWS, "v1", "200", 10 * t);
            requests(out, reporter, REVIEWS, "v2", "200", 3 * t);
            requests(out, reporter, REVIEWS, "v2", "500", 1 * t);
            requests(out, reporter, REVIEWS, "v3", "503", 2 * t);
        }
        requests(out, "destination", RATINGS, "v1", "200", 4 * t);
        requests(out, "destination", PRODUCTPAGE, "v1", "200", 50 * t);
        out.append("# TYPE istio_request_duration_milliseconds histogram\n");
        for (String reporter : new String[] {"destination", "source"}) {
            // cumulative counts per bucket bound, in the order of LE
            histogram(out, reporter, REVIEWS, "v1", 10 * t, new double[] {0, 1, 1, 1, 1, 1, 1});
            histogram(out, reporter, REVIEWS, "v2", 4 * t, new double[] {0, 0.5, 0.9, 0.9, 1, 1, 1});
            histogram(out, reporter, REVIEWS, "v3", 2 * t, new double[] {1, 1, 1, 1, 1, 1, 1});
        }
        return out.toString();
    }

    private static void requests(StringBuilder out, String reporter, String service, String version, String code,
                                 double value) {
        out.append(String.format(Locale.ROOT, "istio_requests_total{reporter=\"%s\",destination_service=\"%s\","
                + "destination_version=\"%s\",response_code=\"%s\"} %.3f%n", reporter, service, version, code, value));
    }

    private static void histogram(StringBuilder out, String reporter, String service, String version, double count,
                                  double[] cumulativeShare) {
        String labels = String.format(Locale.ROOT, "reporter=\"%s\",destination_service=\"%s\",destination_version=\"%s\"",
                reporter, service, version);
        for (int i = 0; i < LE.length; i++) {
            out.append(String.format(Locale.ROOT, "istio_request_duration_milliseconds_bucket{%s,le=\"%s\"} %.3f%n",
                    labels, LE[i], count * cumulativeShare[i]));
        }
        out.append(String.format(Locale.ROOT, "istio_request_duration_milliseconds_sum{%s} %.3f%n", labels, count * 40));
        out.append(String.format(Locale.ROOT, "istio_request_duration_milliseconds_count{%s} %.3f%n", labels, count));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
