package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.MeshAnalysis;
import dev.trafficwizard.analysis.Overlay;
import dev.trafficwizard.cluster.ClusterCache;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cost of the live checks measured on the benchmark's caches, without the embedded API server's
 * watch delivery in the way: a full check of the mesh as the caches hold it, then rechecks after one
 * VirtualService changes (each a changed copy laid over the caches, as the informer would show it).
 */
public final class BenchChecks {

    private BenchChecks() {
    }

    /** @return {full check ms, recheck p50 ms, recheck p99 ms, objects rechecked per change (median)} */
    public static double[] measure(ClusterCache cache, int changes) {
        CacheSnapshot mesh = new CacheSnapshot(cache);
        MeshAnalysis analysis = new MeshAnalysis();
        long started = System.nanoTime();
        analysis.checkAll(mesh);
        double fullMs = (System.nanoTime() - started) / 1e6;
        List<VirtualService> all = cache.virtualServices();
        List<Double> millis = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (int i = 0; i < changes + 200; i++) {
            VirtualService before = all.get((i * 7919) % all.size());
            VirtualService after = new io.fabric8.istio.api.networking.v1.VirtualServiceBuilder(before)
                    .editMetadata().withResourceVersion(before.getMetadata().getResourceVersion() + "-" + i).endMetadata()
                    .build();
            var route = after.getSpec().getHttp().get(0).getRoute();
            route.get(0).setWeight(i % 2 == 0 ? 80 : 90);
            route.get(1).setWeight(i % 2 == 0 ? 20 : 10);
            Overlay changed = Overlay.of(mesh, List.of(after));
            long t = System.nanoTime();
            int rechecked = analysis.changed(changed, List.<HasMetadata>of(before), List.<HasMetadata>of(after));
            double ms = (System.nanoTime() - t) / 1e6;
            if (i >= 200) { // the first 200 warm the JIT
                millis.add(ms);
                counts.add((double) rechecked);
            }
        }
        Collections.sort(millis);
        Collections.sort(counts);
        return new double[]{fullMs, at(millis, 50), at(millis, 99), at(counts, 50)};
    }

    /**
     * Rechecks after one HTTPRoute changes its backends' weights (1,000 changes after 200 for warm-up).
     *
     * @return {recheck p50 ms, recheck p99 ms, objects rechecked per change (median)}
     */
    public static double[] measureHttpRoutes(ClusterCache cache, int changes) {
        CacheSnapshot mesh = new CacheSnapshot(cache);
        MeshAnalysis analysis = new MeshAnalysis();
        analysis.checkAll(mesh);
        List<HTTPRoute> all = cache.httpRoutes();
        List<Double> millis = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (int i = 0; i < changes + 200; i++) {
            HTTPRoute before = all.get((i * 7919) % all.size());
            HTTPRoute after = new HTTPRouteBuilder(before).editMetadata()
                    .withResourceVersion(before.getMetadata().getResourceVersion() + "-" + i).endMetadata().build();
            var backends = after.getSpec().getRules().get(0).getBackendRefs();
            backends.get(0).setWeight(i % 2 == 0 ? 80 : 90);
            backends.get(1).setWeight(i % 2 == 0 ? 20 : 10);
            Overlay changed = Overlay.of(mesh, List.of(after));
            long t = System.nanoTime();
            int rechecked = analysis.changed(changed, List.<HasMetadata>of(before), List.<HasMetadata>of(after));
            double ms = (System.nanoTime() - t) / 1e6;
            if (i >= 200) {
                millis.add(ms);
                counts.add((double) rechecked);
            }
        }
        Collections.sort(millis);
        Collections.sort(counts);
        return new double[]{at(millis, 50), at(millis, 99), at(counts, 50)};
    }

    private static double at(List<Double> sorted, int p) {
        return sorted.get((int) Math.ceil(sorted.size() * p / 100.0) - 1);
    }
}
