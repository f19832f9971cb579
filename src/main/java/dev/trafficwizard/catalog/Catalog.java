package dev.trafficwizard.catalog;

import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.istio.Gateways;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Services with their versioned workloads and routing state, computed from the cluster caches.
 * A service's versions are the Deployments whose pod template labels match its selector, grouped
 * by the first version label (in the configured lookup order) that they carry.
 */
@Component
@EnableConfigurationProperties(CatalogProperties.class)
public class Catalog {

    /** Summaries kept beyond the services that exist before those of services gone are dropped. */
    static final int PRUNE_AFTER = 1_000;

    private final ClusterCache cache;
    private final CatalogProperties properties;
    private final Map<String, Summarized> summaries = new ConcurrentHashMap<>();
    private final RoutingNeighbours neighbours;

    /** A service's summary and the uid and resourceVersion of each object it was computed from. */
    private record Summarized(List<String> versions, ServiceSummary summary, ServiceRoutes routes) {
    }

    Catalog(ClusterCache cache, CatalogProperties properties) {
        this.cache = cache;
        this.properties = properties;
        this.neighbours = new RoutingNeighbours(cache);
    }

    /** Gateways a plan can bind to, as {@code namespace/name} with their hosts. */
    public List<GatewayChoice> gateways() {
        return cache.gateways().stream()
                .map(g -> new GatewayChoice(g.getMetadata().getNamespace() + "/" + g.getMetadata().getName(),
                        Gateways.hosts(g)))
                .sorted(Comparator.comparing(GatewayChoice::reference))
                .toList();
    }

    /** Gateway API Gateways a plan written with the Gateway API can attach to, with their listeners' hosts. */
    public List<GatewayChoice> gatewayApiGateways() {
        return cache.gatewayApiGateways().stream()
                .filter(g -> !"istio-waypoint".equals(g.getSpec() == null ? null : g.getSpec().getGatewayClassName()))
                .map(g -> new GatewayChoice(g.getMetadata().getNamespace() + "/" + g.getMetadata().getName(),
                        dev.trafficwizard.gatewayapi.GatewayHosts.of(g)))
                .sorted(Comparator.comparing(GatewayChoice::reference))
                .toList();
    }

    /** A Gateway offered in the forms: its reference and the hosts its servers cover. */
    public record GatewayChoice(String reference, List<String> hosts) {
    }

    /** Whether the cluster serves the Gateway API (HTTPRoute and Gateway CRDs installed). */
    public boolean gatewayApiAvailable() {
        return cache.gatewayApiAvailable();
    }

    public List<String> namespaces() {
        return cache.namespaces();
    }

    /**
     * One page of the services matching the filter: only the rows shown are summarized, so a page
     * costs the same on a cluster of 10 or 10,000 services. Over all namespaces the services come
     * already sorted from the cache, and only a name search has to look at every name (to count
     * the matches); one namespace comes from its index.
     */
    public ServicePage page(String namespace, String query, int page, int size) {
        return page(namespace, query, null, page, size);
    }

    /**
     * As {@link #page(String, String, int, int)}, among the services whose FQDN is in {@code only}
     * (all when null): the candidates come from that set, so filtering costs its size, not the
     * cluster's.
     */
    public ServicePage page(String namespace, String query, java.util.Set<String> only, int page, int size) {
        boolean all = namespace == null || namespace.isBlank();
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        // version Services (<service>-<version>, made for HTTPRoutes) belong to their service's row
        Predicate<Service> matches = s -> s.getMetadata().getName().contains(q) && !ClusterCache.isVersionService(s);
        Supplier<Stream<Service>> candidates;
        if (only != null) {
            List<Service> listed = only.stream().map(this::serviceOf).flatMap(Optional::stream)
                    .filter(s -> namespace == null || namespace.isBlank()
                            || s.getMetadata().getNamespace().equals(namespace)).filter(matches)
                    .sorted(Comparator.comparing((Service s) -> s.getMetadata().getNamespace())
                            .thenComparing(s -> s.getMetadata().getName()))
                    .toList();
            candidates = listed::stream;
        } else if (all) {
            candidates = () -> cache.servicesInOrder().filter(matches);
        } else {
            List<Service> inNamespace = cache.services(namespace).stream().filter(matches)
                    .sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
            candidates = inNamespace::stream;
        }
        int total = all && only == null && q.isEmpty() ? cache.serviceCount() - cache.versionServiceCount()
                : (int) candidates.get().count();
        int pages = Math.max(1, (total + size - 1) / size);
        int current = Math.min(Math.max(page, 0), pages - 1);
        List<ServiceSummary> rows = candidates.get().skip((long) current * size).limit(size)
                .map(s -> summarize(s, routingObjects(s))).toList();
        return new ServicePage(rows, total, current, size, pages);
    }

    /** The Service whose FQDN is {@code fqdn} ({@code name.namespace.svc.cluster.local}), if it exists. */
    private Optional<Service> serviceOf(String fqdn) {
        String suffix = ".svc." + Hosts.DOMAIN;
        if (!fqdn.endsWith(suffix)) {
            return Optional.empty();
        }
        String[] parts = fqdn.substring(0, fqdn.length() - suffix.length()).split("\\.");
        return parts.length == 2 ? cache.service(parts[1], parts[0]) : Optional.empty();
    }

    /** Whether a service of that FQDN exists. */
    public boolean exists(String fqdn) {
        return serviceOf(fqdn).isPresent();
    }

    /** A page of services: the rows, how many match in all, and where this page is. */
    public record ServicePage(List<ServiceSummary> rows, int total, int page, int size, int pages) {

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return page + 1 < pages;
        }
    }

    public Optional<ServiceDetail> service(String namespace, String name) {
        return cache.service(namespace, name).map(s -> {
            List<HasMetadata> objects = routingObjects(s);
            Summarized summarized = summarized(s, objects);
            VirtualService vs = cache.virtualService(namespace, name).orElse(null);
            return new ServiceDetail(summarized.summary(), summarized.routes().target(), objects, vs,
                    cache.destinationRule(namespace, name).orElse(null), boundGateway(vs), summarized.routes(),
                    neighbours.boundGatewayApiGateway(objects, namespace, name).orElse(null));
        });
    }

    /**
     * The service's routes with some objects proposed in place of the live ones ({@code replace},
     * same kind, namespace and name) and others gone ({@code remove}): the model a preview shows
     * beside the live one, from the same related objects the live one reads.
     */
    public ServiceRoutes routesWith(ServiceDetail service, List<HasMetadata> replace, List<HasMetadata> remove) {
        return neighbours.routesWith(service, replace, remove);
    }

    public Optional<TargetService> target(String namespace, String name) {
        return service(namespace, name).map(ServiceDetail::target);
    }

    /**
     * The row of a service. A summary is a function of the objects it is computed from, and the
     * API server gives an object a new resourceVersion on every write, so the last summary of a
     * service is reused while each of those objects has the same uid and resourceVersion: a
     * services page then costs the look-ups of its rows, not their computation. Only those two
     * strings are kept, not the objects (old versions would stay in memory otherwise).
     */
    private ServiceSummary summarize(Service service, List<HasMetadata> routingObjects) {
        return summarized(service, routingObjects).summary();
    }

    private Summarized summarized(Service service, List<HasMetadata> routingObjects) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        List<Deployment> workloads = cache.deployments(namespace, selector);
        List<HasMetadata> related = neighbours.related(fqdn(service), routingObjects);
        List<String> versions = new ArrayList<>(2 * (workloads.size() + related.size() + 1));
        addVersion(versions, service);
        workloads.forEach(d -> addVersion(versions, d));
        related.forEach(o -> addVersion(versions, o));
        String key = namespace + "/" + name;
        Summarized last = summaries.get(key);
        if (last != null && last.versions().equals(versions)) {
            return last;
        }
        Summarized summary = summarize(versions, service, workloads, routingObjects, related);
        if (summaries.size() > cache.serviceCount() + PRUNE_AFTER) {
            summaries.values().removeIf(kept -> cache.service(kept.summary().namespace(),
                    kept.summary().name()).isEmpty());
        }
        summaries.put(key, summary);
        return summary;
    }

    /** The object's uid and resourceVersion (two nulls for no object), in the order given. */
    private static void addVersion(List<String> versions, HasMetadata object) {
        versions.add(object == null ? null : object.getMetadata().getUid());
        versions.add(object == null ? null : object.getMetadata().getResourceVersion());
    }

    private Summarized summarize(List<String> fingerprint, Service service, List<Deployment> workloads,
                                 List<HasMetadata> routingObjects, List<HasMetadata> related) {
        String namespace = service.getMetadata().getNamespace();
        String versionLabel = versionLabel(workloads);
        Map<String, List<Deployment>> grouped = new LinkedHashMap<>();
        workloads.stream()
                .sorted(Comparator.comparing(d -> d.getMetadata().getName()))
                .forEach(d -> grouped.computeIfAbsent(podLabels(d).getOrDefault(versionLabel, ""),
                        k -> new ArrayList<>()).add(d));
        grouped.remove("");
        Map<String, List<Deployment>> byVersion = sortedByDesiredPods(grouped);
        RoutingState state = routingObjects.isEmpty() ? RoutingState.NONE
                : routingObjects.stream().allMatch(Managed::isManaged) ? RoutingState.MANAGED
                : RoutingState.UNMANAGED;
        List<TargetService.ServiceVersion> targetVersions = byVersion.entrySet().stream()
                .map(e -> new TargetService.ServiceVersion(e.getKey(),
                        e.getValue().stream().mapToInt(Catalog::readyReplicas).sum(),
                        e.getValue().stream().mapToInt(Catalog::desiredReplicas).sum()))
                .toList();
        TargetService target = new TargetService(namespace, service.getMetadata().getName(), versionLabel,
                targetVersions);
        ServiceRoutes routes = RoutingNeighbours.model(related, target);
        RouteSummary summary = RouteSummary.of(routes, byVersion.size());
        List<VersionSummary> versions = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Deployment>> e : byVersion.entrySet()) {
            TargetService.ServiceVersion v = targetVersions.get(i++);
            versions.add(new VersionSummary(e.getKey(), e.getValue().stream().map(d -> d.getMetadata().getName()).toList(),
                    v.readyPods(), v.desiredPods(), summary.implicitShare(v.version()), summary.routedShare(v.version())));
        }
        return new Summarized(fingerprint, new ServiceSummary(namespace, service.getMetadata().getName(), versionLabel,
                versions, state, summary.entries()), routes);
    }


    /** The Gateway in the VirtualService's own namespace it is bound to, if any. */
    private Gateway boundGateway(VirtualService vs) {
        if (vs == null || vs.getSpec() == null || vs.getSpec().getGateways() == null) {
            return null;
        }
        return vs.getSpec().getGateways().stream()
                .filter(g -> !g.equals("mesh") && !g.contains("/"))
                .findFirst()
                .flatMap(g -> cache.gateway(vs.getMetadata().getNamespace(), g))
                .orElse(null);
    }

    /** The main version first: most desired pods, then by name, so stable and canary read in that order. */
    private static Map<String, List<Deployment>> sortedByDesiredPods(Map<String, List<Deployment>> byVersion) {
        Map<String, List<Deployment>> sorted = new LinkedHashMap<>();
        byVersion.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<Deployment>> e) ->
                                -e.getValue().stream().mapToInt(Catalog::desiredReplicas).sum())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private String versionLabel(List<Deployment> workloads) {
        for (String label : properties.versionLabels()) {
            if (workloads.stream().anyMatch(d -> podLabels(d).containsKey(label))) {
                return label;
            }
        }
        return properties.versionLabels().get(0);
    }

    /**
     * The routing objects that concern a service: its DestinationRules, its VirtualServices, then its
     * HTTPRoutes (attached to it or sending to it or to its version Services), its managed version
     * Services and their DestinationRules.
     */
    private List<HasMetadata> routingObjects(Service s) {
        String namespace = s.getMetadata().getNamespace();
        String name = s.getMetadata().getName();
        List<HasMetadata> out = routingObjects(fqdn(s));
        List<Service> versions = cache.versionServices(namespace, name).stream()
                .sorted(Comparator.comparing(v -> v.getMetadata().getName())).toList();
        cache.httpRoutesFor(namespace, name, versions.stream().map(v -> v.getMetadata().getName()).toList()).stream()
                .sorted(Comparator.comparing(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()))
                .forEach(out::add);
        out.addAll(versions);
        // the version Services' DestinationRules (their traffic policies under the Gateway API)
        versions.forEach(v -> cache.destinationRulesFor(fqdn(v)).stream()
                .sorted(Comparator.comparing(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()))
                .forEach(out::add));
        return out;
    }

    /** The Istio routing objects that concern a host: its DestinationRules, then its VirtualServices. */
    private List<HasMetadata> routingObjects(String fqdn) {
        List<HasMetadata> out = new ArrayList<>();
        cache.destinationRulesFor(fqdn).stream()
                .sorted(Comparator.comparing(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()))
                .forEach(out::add);
        cache.virtualServicesFor(fqdn).stream()
                .sorted(Comparator.comparing(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()))
                .forEach(out::add);
        return out;
    }

    private static String fqdn(Service s) {
        return Hosts.serviceFqdn(s.getMetadata().getName(), s.getMetadata().getNamespace());
    }

    private static Map<String, String> podLabels(Deployment d) {
        var template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        Map<String, String> labels = template == null || template.getMetadata() == null ? null
                : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static int readyReplicas(Deployment d) {
        Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    private static int desiredReplicas(Deployment d) {
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }
}
