package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A {@link MeshSnapshot} over objects held in lists: tests, and the objects of a paste. */
public final class ListedSnapshot implements MeshSnapshot {

    private final Map<String, HasMetadata> routing = new LinkedHashMap<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Deployment> deployments = new ArrayList<>();
    private final List<ReferenceGrant> grants = new ArrayList<>();
    private final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
    private final Predicate<String> sees;

    private ListedSnapshot(Collection<? extends HasMetadata> objects, Predicate<String> sees) {
        this.sees = sees;
        for (HasMetadata object : objects) {
            if (MeshAnalysis.isRouting(object)) {
                routing.put(ObjectRef.of(object).key(), object);
            } else if (object instanceof Service s) {
                services.add(s);
            } else if (object instanceof Deployment d) {
                deployments.add(d);
            } else if (object instanceof ReferenceGrant g) {
                grants.add(g);
            } else if (object instanceof Namespace n && n.getMetadata().getName() != null) {
                // as the API server does, every namespace carries its name as a label
                Map<String, String> labels = new LinkedHashMap<>();
                if (n.getMetadata().getLabels() != null) {
                    labels.putAll(n.getMetadata().getLabels());
                }
                labels.put("kubernetes.io/metadata.name", n.getMetadata().getName());
                namespaces.put(n.getMetadata().getName(), Map.copyOf(labels));
            }
        }
    }

    /**
     * The mesh of exactly these objects (VirtualServices, DestinationRules, Gateways, HTTPRoutes, Gateway
     * API Gateways, ReferenceGrants, Services, Deployments, Namespaces for their labels); every namespace seen.
     */
    public static ListedSnapshot of(Collection<? extends HasMetadata> objects) {
        return new ListedSnapshot(objects, ns -> true);
    }

    /** The same, seeing only some namespaces. */
    public static ListedSnapshot of(Collection<? extends HasMetadata> objects, Predicate<String> sees) {
        return new ListedSnapshot(objects, sees);
    }

    @Override
    public Stream<HasMetadata> routingObjects() {
        return routing.values().stream();
    }

    @Override
    public Optional<HasMetadata> get(ObjectRef ref) {
        HasMetadata routed = routing.get(ref.key());
        if (routed != null) {
            return Optional.of(routed);
        }
        return Stream.of(services, deployments, grants).flatMap(List::stream).map(o -> (HasMetadata) o)
                .filter(o -> ObjectRef.of(o).equals(ref)).findFirst();
    }

    @Override
    public List<VirtualService> virtualServicesWithHost(String hostKey) {
        return of(VirtualService.class).filter(vs -> vs.getSpec() != null && Dependencies.hosts(vs).contains(hostKey))
                .toList();
    }

    @Override
    public List<VirtualService> virtualServicesBoundTo(String namespace, String name) {
        return of(VirtualService.class).filter(vs -> vs.getSpec() != null && vs.getSpec().getGateways() != null
                && vs.getSpec().getGateways().stream().filter(Objects::nonNull).anyMatch(g -> g.contains("/")
                ? g.equals(namespace + "/" + name)
                : g.equals(name) && namespace.equals(vs.getMetadata().getNamespace()))).toList();
    }

    @Override
    public List<DestinationRule> destinationRulesFor(String hostKey) {
        return of(DestinationRule.class).filter(dr -> dr.getSpec() != null && dr.getSpec().getHost() != null
                && Hosts.resolve(dr.getSpec().getHost(), dr.getMetadata().getNamespace()).equals(hostKey)).toList();
    }

    @Override
    public Optional<Gateway> gateway(String namespace, String name) {
        return of(Gateway.class).filter(g -> namespace.equals(g.getMetadata().getNamespace())
                && name.equals(g.getMetadata().getName())).findFirst();
    }

    @Override
    public List<Gateway> gateways() {
        return of(Gateway.class).toList();
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return services.stream().filter(s -> namespace.equals(s.getMetadata().getNamespace())
                && name.equals(s.getMetadata().getName())).findFirst();
    }

    @Override
    public List<Deployment> deployments(String namespace, Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return List.of(); // as the cache: an empty selector selects nothing
        }
        return deployments.stream().filter(d -> namespace.equals(d.getMetadata().getNamespace()))
                .filter(d -> Workloads.podLabels(d).entrySet().containsAll(labels.entrySet())).toList();
    }

    @Override
    public List<Deployment> workloads(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return List.of();
        }
        return deployments.stream().filter(d -> Workloads.podLabels(d).entrySet().containsAll(labels.entrySet())).toList();
    }

    @Override
    public boolean sees(String namespace) {
        return sees.test(namespace);
    }

    @Override
    public List<HTTPRoute> httpRoutes() {
        return of(HTTPRoute.class).toList();
    }

    @Override
    public List<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> k8sGateways() {
        return of(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class).toList();
    }

    @Override
    public List<ReferenceGrant> referenceGrants() {
        return List.copyOf(grants);
    }

    @Override
    public Map<String, String> namespaceLabels(String namespace) {
        return namespaces.getOrDefault(namespace, Map.of());
    }

    private <T> Stream<T> of(Class<T> type) {
        return routing.values().stream().filter(type::isInstance).map(type::cast);
    }
}
