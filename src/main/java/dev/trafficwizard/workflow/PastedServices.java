package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The services pasted routing touches: those named by a VirtualService's hosts or destinations and
 * by a DestinationRule's host (resolved in the object's namespace, as istiod does), when they exist.
 */
final class PastedServices {

    private static final String SUFFIX = ".svc." + Hosts.DOMAIN;

    private PastedServices() {
    }

    static List<ServiceDetail> of(List<HasMetadata> objects, Catalog catalog) {
        Set<String> fqdns = new LinkedHashSet<>();
        for (HasMetadata object : objects) {
            String ns = object.getMetadata().getNamespace();
            if (object instanceof VirtualService vs && vs.getSpec() != null) {
                nullSafe(vs.getSpec().getHosts()).forEach(h -> fqdns.add(Hosts.resolve(h, ns)));
                List<Destination> destinations = new ArrayList<>();
                nullSafe(vs.getSpec().getHttp()).forEach(r -> nullSafe(r == null ? null : r.getRoute())
                        .forEach(d -> destinations.add(d == null ? null : d.getDestination())));
                nullSafe(vs.getSpec().getTcp()).forEach(r -> nullSafe(r == null ? null : r.getRoute())
                        .forEach(d -> destinations.add(d == null ? null : d.getDestination())));
                nullSafe(vs.getSpec().getTls()).forEach(r -> nullSafe(r == null ? null : r.getRoute())
                        .forEach(d -> destinations.add(d == null ? null : d.getDestination())));
                destinations.stream().filter(d -> d != null && d.getHost() != null)
                        .forEach(d -> fqdns.add(Hosts.resolve(d.getHost(), ns)));
            } else if (object instanceof DestinationRule dr && dr.getSpec() != null && dr.getSpec().getHost() != null) {
                fqdns.add(Hosts.resolve(dr.getSpec().getHost(), ns));
            }
        }
        List<ServiceDetail> out = new ArrayList<>();
        for (String fqdn : fqdns) {
            service(fqdn, catalog).ifPresent(out::add);
        }
        return out;
    }

    /** {@code name.namespace.svc.cluster.local} → that service, if it exists. */
    private static Optional<ServiceDetail> service(String fqdn, Catalog catalog) {
        if (fqdn == null || !fqdn.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String[] parts = fqdn.substring(0, fqdn.length() - SUFFIX.length()).split("\\.");
        return parts.length == 2 ? catalog.service(parts[1], parts[0]) : Optional.empty();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
