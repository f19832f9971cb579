package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * IST0109, as Istio's {@code virtualservice.ConflictingMeshGatewayHostsAnalyzer}: several
 * VirtualServices bound to the mesh (no {@code spec.gateways}, or {@code mesh} among them) list the
 * same host for the same namespaces ({@code CONFLICTING_MESH_HOSTS}, error, one finding per
 * VirtualService at the {@code spec.hosts[i]} of its first conflicting host; arguments: its
 * conflicting hosts, the other VirtualServices {@code ns/name}).
 * <p>
 * Scope as in Istio: a VirtualService exported to all namespaces (no {@code exportTo}, or
 * {@code *}) conflicts with another exported to all with exactly the same host; one exported to
 * some namespaces conflicts with another exported to one of the same namespaces with exactly the
 * same host, and with one exported to all whose host overlaps (wildcards included).
 */
public final class ConflictingMeshHostsAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        if (vs.getSpec().getHosts() == null || !GatewayNotFoundAnalyzer.boundToMesh(vs)) {
            return;
        }
        Set<String> scopes = scopes(vs);
        String ns = vs.getMetadata().getNamespace();
        Map<String, Integer> conflictingHosts = new LinkedHashMap<>();
        Set<String> others = new TreeSet<>();
        List<String> hosts = vs.getSpec().getHosts();
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i) == null) {
                continue;
            }
            String host = Hosts.resolve(hosts.get(i), ns);
            for (VirtualService other : candidates(mesh, host)) {
                if (!ObjectRef.of(other).equals(ObjectRef.of(vs)) && other.getSpec() != null
                        && GatewayNotFoundAnalyzer.boundToMesh(other) && conflicts(scopes, host, other)) {
                    others.add(other.getMetadata().getNamespace() + "/" + other.getMetadata().getName());
                    conflictingHosts.putIfAbsent(hosts.get(i), i);
                }
            }
        }
        if (!others.isEmpty()) {
            int first = conflictingHosts.values().iterator().next();
            out.add(Finding.error(DiagnosticCode.CONFLICTING_MESH_HOSTS, vs, "spec.hosts[" + first + "]",
                    String.join(", ", conflictingHosts.keySet()), String.join(", ", others)));
        }
    }

    /** Whether {@code other} conflicts with a VirtualService of these scopes listing {@code host}. */
    private static boolean conflicts(Set<String> scopes, String host, VirtualService other) {
        Set<String> otherScopes = scopes(other);
        boolean allMine = scopes.contains("*");
        boolean allTheirs = otherScopes.contains("*");
        List<String> theirHosts = Dependencies.hosts(other);
        if (allMine == allTheirs) {
            return theirHosts.contains(host) && (allMine || otherScopes.stream().anyMatch(scopes::contains));
        }
        return theirHosts.stream().anyMatch(h -> Hosts.overlap(h, host));
    }

    /**
     * The VirtualServices that may list a host overlapping {@code host}: the same host, the
     * wildcards covering it, and for a wildcard host every VirtualService (a scan: wildcard hosts
     * in the mesh are rare).
     */
    private static List<VirtualService> candidates(MeshSnapshot mesh, String host) {
        if (host.startsWith("*")) {
            return mesh.routingObjects().filter(o -> o instanceof VirtualService)
                    .map(o -> (VirtualService) o).toList();
        }
        List<VirtualService> out = new ArrayList<>(mesh.virtualServicesWithHost(host));
        coveringWildcards(host).forEach(w -> out.addAll(mesh.virtualServicesWithHost(w)));
        return out;
    }

    /** The wildcard hosts strictly wider than {@code host}: for {@code a.b.c} {@code *.b.c}, {@code *.c} and {@code *}. */
    static List<String> coveringWildcards(String host) {
        if (host.equals("*")) {
            return List.of();
        }
        String base = host.startsWith("*.") ? host.substring(2) : host;
        List<String> out = new ArrayList<>();
        for (int dot = base.indexOf('.'); dot >= 0; dot = base.indexOf('.', dot + 1)) {
            out.add("*" + base.substring(dot));
        }
        out.add("*");
        return out;
    }

    /** The namespaces a VirtualService's hosts apply to, {@code *} for all (Istio's {@code exportTo}). */
    static Set<String> scopes(VirtualService vs) {
        List<String> exportTo = vs.getSpec().getExportTo();
        if (exportTo == null || exportTo.isEmpty() || exportTo.contains("*")) {
            return Set.of("*");
        }
        Set<String> out = new LinkedHashSet<>();
        Stream.of(exportTo.toArray(String[]::new))
                .forEach(e -> out.add(".".equals(e) ? vs.getMetadata().getNamespace() : e));
        return out;
    }
}
