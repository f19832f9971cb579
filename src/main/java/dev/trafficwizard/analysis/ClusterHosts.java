package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.Hosts;
import io.fabric8.kubernetes.api.model.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes Services as hosts, as Istio's analyzers look them up ({@code util.InitServiceEntryHostMap}
 * and {@code GetDestinationHost}): a host key {@code <name>.<ns>.svc.cluster.local} names the
 * Service {@code ns/name}, and the Service's {@code networking.istio.io/exportTo} annotation says
 * from which namespaces it can be reached.
 */
final class ClusterHosts {

    static final String EXPORT_TO = "networking.istio.io/exportTo";
    private static final String SUFFIX = ".svc." + Hosts.DOMAIN;

    /** A Service's namespace and name. */
    record ServiceName(String namespace, String name) {
    }

    private ClusterHosts() {
    }

    /** The Service a host key names, when it is cluster-local ({@code <name>.<ns>.svc.cluster.local}). */
    static Optional<ServiceName> serviceOf(String hostKey) {
        if (hostKey == null || !hostKey.endsWith(SUFFIX) || hostKey.startsWith("*")) {
            return Optional.empty();
        }
        String[] parts = hostKey.substring(0, hostKey.length() - SUFFIX.length()).split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceName(parts[1], parts[0]));
    }

    /** The Service a host written in an object of {@code namespace} names, if it exists and the namespace is seen. */
    static Optional<Service> service(MeshSnapshot mesh, String host, String namespace) {
        return serviceOf(Hosts.resolve(host, namespace)).filter(s -> mesh.sees(s.namespace()))
                .flatMap(s -> mesh.service(s.namespace(), s.name()));
    }

    /**
     * Whether an object of {@code fromNamespace} exported to {@code exportTo} sees the Service, as
     * {@code GetDestinationHost} decides: the Service exported to all, or to the object's namespace
     * when the object has no {@code exportTo}, else to one of the object's {@code exportTo} namespaces.
     */
    static boolean visible(Service service, String fromNamespace, List<String> exportTo) {
        List<String> scopes = scopes(service);
        if (scopes.contains("*")) {
            return true;
        }
        if (exportTo == null || exportTo.isEmpty()) {
            return scopes.contains(fromNamespace);
        }
        return exportTo.stream().map(e -> ".".equals(e) ? fromNamespace : e).anyMatch(scopes::contains);
    }

    /** The namespaces a Service is exported to ({@code *} for all), from its annotation. */
    static List<String> scopes(Service service) {
        Map<String, String> annotations = service.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(EXPORT_TO);
        if (value == null || value.isEmpty()) {
            return List.of("*");
        }
        List<String> out = new ArrayList<>();
        for (String ns : value.split(",")) {
            String trimmed = ns.trim();
            out.add(".".equals(trimmed) ? service.getMetadata().getNamespace() : trimmed);
        }
        return out;
    }
}
