package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incremental recheck ({@link MeshAnalysis#changed}) holds exactly what a full check of the
 * changed mesh finds: on hundreds of small random meshes whose objects share hosts, subsets,
 * gateways and labels, after every random add, update, touch or delete.
 */
class MeshAnalysisTest {

    private final RandomMeshes random = new RandomMeshes(new Random(1414));

    @Test
    void theIncrementalRecheckHoldsWhatAFullCheckFinds() {
        int findings = 0;
        java.util.Set<String> codes = new java.util.TreeSet<>();
        for (int mesh = 0; mesh < 300; mesh++) {
            Map<String, HasMetadata> objects = new LinkedHashMap<>();
            for (int i = 0, n = 6 + random.nextInt(12); i < n; i++) {
                put(objects, random.object());
            }
            MeshAnalysis held = new MeshAnalysis();
            held.checkAll(ListedSnapshot.of(objects.values()));
            for (int step = 0; step < 12; step++) {
                HasMetadata before;
                HasMetadata after;
                List<String> keys = new ArrayList<>(objects.keySet());
                int what = random.nextInt(4);
                if (what == 0 || keys.isEmpty()) {
                    after = random.object();
                    before = objects.get(key(after));
                } else {
                    before = objects.get(random.pick(keys));
                    after = switch (what) {
                        case 1 -> null;
                        case 2 -> random.touched(before);
                        default -> random.like(before);
                    };
                }
                if (after == null) {
                    objects.remove(key(before));
                } else {
                    put(objects, after);
                }
                MeshSnapshot now = ListedSnapshot.of(objects.values());
                held.changed(now, before == null ? List.of() : List.of(before), after == null ? List.of() : List.of(after));
                MeshAnalysis fresh = new MeshAnalysis();
                fresh.checkAll(now);
                assertThat(lines(held.findings())).as("mesh %d step %d: %s -> %s", mesh, step, describe(before), describe(after))
                        .isEqualTo(lines(fresh.findings()));
                assertThat(held.size()).isEqualTo(fresh.size());
                findings += fresh.findings().size();
                fresh.findings().forEach(f -> codes.add(f.code()));
            }
        }
        assertThat(findings).as("the random meshes have findings to compare").isGreaterThan(1000);
        // the Gateway API checks that read other objects are among them (the CRD limits read nothing else)
        assertThat(codes).contains("ROUTE_BACKEND_NOT_FOUND", "ROUTE_BACKEND_NO_READY_PODS", "ROUTE_PARENT_NOT_FOUND",
                "ROUTE_HOSTNAME_NOT_IN_GATEWAY", "ROUTE_NAMESPACE_NOT_ALLOWED", "REFERENCE_NOT_GRANTED", "ROUTING_API_MIXED",
                "ROUTE_NOT_ACCEPTED", "ROUTE_REFS_UNRESOLVED", "ROUTE_NO_WAYPOINT", "WAYPOINT_NOT_FOUND");
    }

    @Test
    void onlyTheChangedObjectAndItsReadersAreRechecked() {
        List<HasMetadata> objects = new ArrayList<>(Meshes.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: r, namespace: a, uid: s1, resourceVersion: "1"}
                spec: {selector: {app: r}}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: r, namespace: a, uid: v1, resourceVersion: "1"}
                spec: {hosts: [r], http: [{route: [{destination: {host: r, subset: v1}}]}]}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: s, namespace: b, uid: v2, resourceVersion: "1"}
                spec: {hosts: [s], http: [{route: [{destination: {host: s}}]}]}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: s, namespace: b, uid: d1, resourceVersion: "1"}
                spec: {host: s}
                """));
        MeshAnalysis analysis = new MeshAnalysis();
        assertThat(analysis.checkAll(ListedSnapshot.of(objects))).isEqualTo(3);
        assertThat(lines(analysis.findings())).containsExactly(
                "VirtualService a/r spec.http[0].route[0].destination.subset SUBSET_NOT_FOUND IST0101 ERROR [v1, r]",
                "VirtualService b/s spec.http[0].route[0].destination.host DESTINATION_NOT_FOUND IST0101 ERROR [s, b]");
        // a DestinationRule for r.a defines v1: only the VirtualService routing to r.a (and the new rule) are checked
        HasMetadata dr = Meshes.parse("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: r, namespace: a, uid: d2, resourceVersion: "2"}
                spec: {host: r.a.svc.cluster.local, subsets: [{name: v1, labels: {version: v1}}]}
                """).get(0);
        objects.add(dr);
        assertThat(analysis.changed(ListedSnapshot.of(objects), List.of(), List.of(dr))).isEqualTo(2);
        assertThat(lines(analysis.findings())).containsExactly(
                "DestinationRule a/r spec.subsets[0] SUBSET_NO_PODS IST0173 ERROR [v1]",
                "VirtualService b/s spec.http[0].route[0].destination.host DESTINATION_NOT_FOUND IST0101 ERROR [s, b]");
        // the same version of a VirtualService nobody else reads rechecks nothing
        HasMetadata vs = objects.get(1);
        assertThat(analysis.changed(ListedSnapshot.of(objects), List.of(vs), List.of(vs))).isZero();
        // a Service change rechecks only what routes to it or selects its pods (the rule for r.a and the VirtualService)
        HasMetadata oldService = objects.get(0);
        HasMetadata service = random.touched(oldService);
        objects.set(0, service);
        assertThat(analysis.changed(ListedSnapshot.of(objects), List.of(oldService), List.of(service))).isEqualTo(2);
    }

    private static List<String> lines(List<Finding> findings) {
        return findings.stream().map(Meshes::line).sorted().toList();
    }

    private static String describe(HasMetadata o) {
        return o == null ? "none" : key(o) + "@" + o.getMetadata().getResourceVersion();
    }

    private static String key(HasMetadata o) {
        return ObjectRef.of(o).key();
    }

    private void put(Map<String, HasMetadata> objects, HasMetadata object) {
        objects.put(key(object), object);
    }
}
