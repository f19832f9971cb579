package dev.trafficwizard.cluster;

import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Informer caches of the five kinds the dashboard reads, plus its own ConfigMaps (history, reviews). Pages read from here, never from a list
 * call per request; writes wait in {@link #awaitVisible} until the cache has seen them.
 */
@Component
public class ClusterCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterCache.class);
    static final String BY_NAMESPACE = Cache.NAMESPACE_INDEX;
    static final String BY_POD_LABEL = "podLabel";
    static final String BY_HOST = "host";
    static final String BY_HOST_KEY = "hostKey";
    static final String BY_GATEWAY = "gateway";
    private static final String BY_NAME = "name";
    private static final String BY_VERSION_OF = "versionOf";
    private static final String ANY = "*";

    private final Informers<Service> services;
    /** The services' stores by watched namespace ("" when watching all), read in order for pages. */
    private final Map<String, TrimmingStore<Service>> serviceStores = new java.util.TreeMap<>();
    private final Informers<Deployment> deployments;
    private final Informers<VirtualService> virtualServices;
    private final Informers<DestinationRule> destinationRules;
    private final Informers<Gateway> gateways;
    private final Informers<ConfigMap> history;
    /** #19: the rollouts' ConfigMaps, which the service page and the services list show. */
    private final Informers<ConfigMap> rollouts;
    private final Informers<ConfigMap> reviews;
    private final GatewayApiInformers gatewayApi;
    private final List<String> watched;
    /** Every informer, to start and to stop. */
    private final List<Informers<?>> all;
    /** How long the informers took to list everything at start (the benchmark prints it). */
    private long syncMillis;

    ClusterCache(KubernetesClient client, ClusterProperties properties, ClusterInfo info) {
        this(client, properties, info, WatchScope.ALL);
    }

    @Autowired
    ClusterCache(KubernetesClient client, ClusterProperties properties, ClusterInfo info, WatchScope scope) {
        var istio = client.adapt(IstioClient.class).v1();
        List<String> watched = scope.watchNamespaces();
        long page = properties.listPageSize();
        this.watched = watched;
        services = new Informers<>(watched, ns -> {
            TrimmingStore<Service> store = new TrimmingStore<>(Trim::service);
            serviceStores.put(ns == null ? "" : ns, store);
            return paged(ns == null ? client.services().inAnyNamespace() : client.services().inNamespace(ns), page)
                    .itemStore(store)
                    .addIndexers(Map.of(BY_VERSION_OF, ClusterCache::versionOfKeys));
        });
        deployments = new Informers<>(watched, ns -> paged(ns == null ? client.apps().deployments().inAnyNamespace()
                : client.apps().deployments().inNamespace(ns), page)
                .itemStore(new TrimmingStore<>(Trim::deployment))
                .addIndexers(Map.of(BY_POD_LABEL, ClusterCache::podLabelKeys)));
        virtualServices = new Informers<>(watched, ns -> paged(ns == null ? istio.virtualServices().inAnyNamespace()
                : istio.virtualServices().inNamespace(ns), page)
                .itemStore(new TrimmingStore<VirtualService>(Trim::managedFields))
                .addIndexers(Map.of(BY_HOST, ClusterCache::virtualServiceHosts,
                        BY_HOST_KEY, ClusterCache::virtualServiceHostKeys,
                        BY_GATEWAY, ClusterCache::virtualServiceGateways)));
        destinationRules = new Informers<>(watched, ns -> paged(ns == null ? istio.destinationRules().inAnyNamespace()
                : istio.destinationRules().inNamespace(ns), page)
                .itemStore(new TrimmingStore<DestinationRule>(Trim::managedFields))
                .addIndexers(Map.of(BY_HOST, ClusterCache::destinationRuleHosts)));
        gateways = new Informers<>(watched, ns -> paged(ns == null ? istio.gateways().inAnyNamespace()
                : istio.gateways().inNamespace(ns), page)
                .itemStore(new TrimmingStore<Gateway>(Trim::managedFields)));
        history = new Informers<>(watched, ns -> labelled(client, ns, HistoryStore.HISTORY_LABEL, page));
        rollouts = new Informers<>(watched, ns -> labelled(client, ns, RolloutStore.ROLLOUT_LABEL, page));
        reviews = new Informers<>(watched, ns -> labelled(client, ns, ReviewStore.REVIEW_LABEL, page)
                .addIndexers(Map.of(BY_NAME, cm -> List.of(cm.getMetadata().getName()))));
        gatewayApi = new GatewayApiInformers(client, watched, page);
        long started = System.nanoTime();
        all = new java.util.ArrayList<>(List.of(services, deployments, virtualServices, destinationRules, gateways,
                history, reviews, rollouts));
        all.addAll(gatewayApi.all());
        CompletableFuture<?>[] starts = all.stream().map(Informers::start).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(starts).get(properties.cacheSyncTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException("The caches of the " + info.describe() + " did not sync within "
                    + properties.cacheSyncTimeoutSeconds() + " s", e);
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException("Cannot read from the " + info.describe() + ": "
                    + explain(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while syncing caches", e);
        }
        syncMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        log.info("Caches synced in {} ms: {} services, {} deployments, {} virtual services, "
                        + "{} destination rules, {} gateways, {} HTTPRoutes{}",
                syncMillis, services.list().size(),
                deployments.list().size(), virtualServices.list().size(),
                destinationRules.list().size(), gateways.list().size(), httpRoutes().size(),
                gatewayApi.available ? "" : " (the Gateway API is not installed)");
    }

    /**
     * The informer, listing in pages of {@code page} objects ({@code limit}, then {@code continue}):
     * against a large cluster no single list answer holds a whole kind.
     */
    static <T> SharedIndexInformer<T> paged(Informable<T> source, long page) {
        return source.withLimit(page).runnableInformer(0);
    }

    /** The ConfigMaps Traffic Wizard keeps (history, reviews, rollouts): those labelled {@code label=true}. */
    private static SharedIndexInformer<ConfigMap> labelled(KubernetesClient client, String ns, String label,
                                                           long page) {
        return paged((ns == null ? client.configMaps().inAnyNamespace() : client.configMaps().inNamespace(ns))
                .withLabel(label, "true"), page).itemStore(new TrimmingStore<ConfigMap>(Trim::managedFields));
    }

    /** How long the informers took to list everything at start, in milliseconds. */
    public long syncMillis() {
        return syncMillis;
    }

    private static String explain(Throwable cause) {
        if (cause instanceof KubernetesClientException k && k.getCode() == 404) {
            return "the API server does not serve networking.istio.io/v1 (is Istio 1.22 or newer installed?)";
        }
        if (cause instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403)) {
            return "access denied (" + k.getCode() + "): the account needs list/watch on services, deployments "
                    + "and networking.istio.io resources";
        }
        return String.valueOf(cause.getMessage());
    }

    public List<Service> services() {
        return services.list();
    }

    /**
     * Every service, by namespace then name, read lazily from the sorted stores: taking one page of
     * them costs the rows taken (and the ones skipped), not a sort of the whole cluster.
     */
    public Stream<Service> servicesInOrder() {
        return serviceStores.values().stream().flatMap(TrimmingStore::values);
    }

    public int serviceCount() {
        return serviceStores.values().stream().mapToInt(TrimmingStore::size).sum();
    }

    public List<Service> services(String namespace) {
        return services.byIndex(BY_NAMESPACE, namespace);
    }

    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(services.getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public List<Deployment> deployments(String namespace) {
        return deployments.byIndex(BY_NAMESPACE, namespace);
    }

    /** Deployments in {@code namespace} whose pod template carries every label of the selector. */
    public List<Deployment> deployments(String namespace, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        Map.Entry<String, String> first = selector.entrySet().iterator().next();
        return deployments.byIndex(BY_POD_LABEL, podLabelKey(namespace, first.getKey(), first.getValue()))
                .stream().filter(d -> podLabels(d).entrySet().containsAll(selector.entrySet())).toList();
    }

    /** VirtualServices whose hosts or destinations resolve to {@code fqdn}. */
    public List<VirtualService> virtualServicesFor(String fqdn) {
        return virtualServices.byIndex(BY_HOST, fqdn);
    }

    /** VirtualServices listing a host that {@link Hosts#resolve} turns into {@code hostKey}. */
    public List<VirtualService> virtualServicesWithHostKey(String hostKey) {
        return virtualServices.byIndex(BY_HOST_KEY, hostKey);
    }

    /** VirtualServices bound to the Gateway {@code namespace/name}. */
    public List<VirtualService> virtualServicesBoundTo(String namespace, String name) {
        return virtualServices.byIndex(BY_GATEWAY, namespace + "/" + name);
    }

    /** DestinationRules whose host resolves to {@code fqdn}. */
    public List<DestinationRule> destinationRulesFor(String fqdn) {
        return destinationRules.byIndex(BY_HOST, fqdn);
    }

    private static Map<String, String> podLabels(Deployment d) {
        var template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        Map<String, String> labels = template == null || template.getMetadata() == null ? null
                : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static String podLabelKey(String namespace, String key, String value) {
        return namespace + "/" + key + "=" + value;
    }

    private static List<String> podLabelKeys(Deployment d) {
        return podLabels(d).entrySet().stream()
                .map(e -> podLabelKey(d.getMetadata().getNamespace(), e.getKey(), e.getValue())).toList();
    }

    private static List<String> virtualServiceHosts(VirtualService vs) {
        if (vs.getSpec() == null) {
            return List.of();
        }
        String ns = vs.getMetadata().getNamespace();
        java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
        if (vs.getSpec().getHosts() != null) {
            vs.getSpec().getHosts().forEach(h -> hosts.add(Hosts.resolve(h, ns)));
        }
        if (vs.getSpec().getHttp() != null) {
            vs.getSpec().getHttp().stream().filter(h -> h.getRoute() != null).flatMap(h -> h.getRoute().stream())
                    .filter(r -> r.getDestination() != null && r.getDestination().getHost() != null)
                    .forEach(r -> hosts.add(Hosts.resolve(r.getDestination().getHost(), ns)));
        }
        return List.copyOf(hosts);
    }

    private static List<String> virtualServiceHostKeys(VirtualService vs) {
        if (vs.getSpec() == null || vs.getSpec().getHosts() == null) {
            return List.of();
        }
        String ns = vs.getMetadata().getNamespace();
        return vs.getSpec().getHosts().stream().filter(Objects::nonNull).map(h -> Hosts.resolve(h, ns))
                .distinct().toList();
    }

    /** The Gateways a VirtualService names, as {@code namespace/name} (a bare name is in its namespace). */
    private static List<String> virtualServiceGateways(VirtualService vs) {
        if (vs.getSpec() == null || vs.getSpec().getGateways() == null) {
            return List.of();
        }
        String ns = vs.getMetadata().getNamespace();
        return vs.getSpec().getGateways().stream().filter(g -> g != null && !g.equals("mesh"))
                .map(g -> g.contains("/") ? g : ns + "/" + g).distinct().toList();
    }

    private static List<String> destinationRuleHosts(DestinationRule dr) {
        return dr.getSpec() == null || dr.getSpec().getHost() == null ? List.of()
                : List.of(Hosts.resolve(dr.getSpec().getHost(), dr.getMetadata().getNamespace()));
    }

    public List<VirtualService> virtualServices(String namespace) {
        return virtualServices.byIndex(BY_NAMESPACE, namespace);
    }

    public List<VirtualService> virtualServices() {
        return virtualServices.list();
    }

    public List<DestinationRule> destinationRules(String namespace) {
        return destinationRules.byIndex(BY_NAMESPACE, namespace);
    }

    public List<DestinationRule> destinationRules() {
        return destinationRules.list();
    }

    public List<Gateway> gateways() {
        return gateways.list();
    }

    public Optional<Gateway> gateway(String namespace, String name) {
        return Optional.ofNullable(gateways.getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    /** Whether the cluster serves the Gateway API (its CRDs are installed); without it no HTTPRoute is read. */
    public boolean gatewayApiAvailable() {
        return gatewayApi.available;
    }

    /** Every HTTPRoute; none without the Gateway API. */
    public List<HTTPRoute> httpRoutes() {
        return gatewayApi.available ? gatewayApi.routes.list() : List.of();
    }

    /**
     * HTTPRoutes attached to the Service {@code namespace/name} (GAMMA) or sending to it, or to one of
     * {@code also} (its version Services), each once.
     */
    public List<HTTPRoute> httpRoutesFor(String namespace, String name, List<String> also) {
        if (!gatewayApi.available) {
            return List.of();
        }
        java.util.Map<String, HTTPRoute> out = new java.util.LinkedHashMap<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(name), also.stream())
                .flatMap(n -> gatewayApi.routes.byIndex(GatewayApiInformers.BY_SERVICE, namespace + "/" + n).stream())
                .forEach(r -> out.putIfAbsent(Cache.metaNamespaceKeyFunc(r), r));
        return List.copyOf(out.values());
    }

    public Optional<HTTPRoute> httpRoute(String namespace, String name) {
        return gatewayApi.available ? Optional.ofNullable(gatewayApi.routes.getByKey(
                Cache.namespaceKeyFunc(namespace, name))) : Optional.empty();
    }

    /** Every Gateway API Gateway (not Istio's Gateway); none without the Gateway API. */
    public List<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> gatewayApiGateways() {
        return gatewayApi.available ? gatewayApi.gateways.list() : List.of();
    }

    public Optional<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> gatewayApiGateway(String namespace,
                                                                                             String name) {
        return gatewayApi.available ? Optional.ofNullable(gatewayApi.gateways.getByKey(
                Cache.namespaceKeyFunc(namespace, name))) : Optional.empty();
    }

    public Optional<ReferenceGrant> referenceGrant(String namespace, String name) {
        return gatewayApi.grants == null ? Optional.empty() : Optional.ofNullable(gatewayApi.grants.getByKey(
                Cache.namespaceKeyFunc(namespace, name)));
    }

    /**
     * The cached object of the same kind, namespace and name as {@code object} (the live one a write
     * would replace), by the informer that holds that kind.
     *
     * @throws IllegalArgumentException for a kind the caches do not hold
     */
    public Optional<HasMetadata> cached(HasMetadata object) {
        @SuppressWarnings("unchecked")
        Informers<HasMetadata> informer = (Informers<HasMetadata>) informerFor(object);
        return Optional.ofNullable(informer.getByKey(Cache.metaNamespaceKeyFunc(object)));
    }

    public List<ReferenceGrant> referenceGrants() {
        return gatewayApi.grants != null ? gatewayApi.grants.list() : List.of();
    }

    /** The labels of a watched namespace (ambient mode, waypoint); empty when unknown. */
    public Map<String, String> namespaceLabels(String namespace) {
        io.fabric8.kubernetes.api.model.Namespace ns = gatewayApi.namespaces == null ? null
                : gatewayApi.namespaces.getByKey(namespace);
        return ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
    }

    /**
     * #18 own: the annotations of a watched namespace (GitOps ownership marks), from the same namespace
     * informer as {@link #namespaceLabels}; empty when unknown (namespaces not readable).
     */
    public Map<String, String> namespaceAnnotations(String namespace) {
        io.fabric8.kubernetes.api.model.Namespace ns = gatewayApi.namespaces == null ? null
                : gatewayApi.namespaces.getByKey(namespace);
        return ns == null || ns.getMetadata().getAnnotations() == null ? Map.of() : ns.getMetadata().getAnnotations();
    }

    /** The managed version Services ({@code <service>-<version>}) of a service, by label. */
    public List<Service> versionServices(String namespace, String service) {
        return services.byIndex(BY_VERSION_OF, namespace + "/" + service);
    }

    /** How many Services are managed version Services (the services list does not show them). */
    public int versionServiceCount() {
        return services.byIndex(BY_VERSION_OF, ANY).size();
    }

    private static List<String> versionOfKeys(Service s) {
        return GatewayApiInformers.managedVersionService(s) ? List.of(ANY, s.getMetadata().getNamespace() + "/"
                + s.getMetadata().getLabels().get(GatewayApiInformers.VERSION_OF)) : List.of();
    }

    /** Whether a Service is a version Service Traffic Wizard made for a service's HTTPRoute. */
    public static boolean isVersionService(Service service) {
        return GatewayApiInformers.managedVersionService(service);
    }

    Optional<ConfigMap> rolloutConfigMap(String namespace, String name) {
        return Optional.ofNullable(rollouts.getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    List<ConfigMap> rolloutConfigMaps() {
        return rollouts.list();
    }

    Optional<ConfigMap> historyConfigMap(String namespace, String name) {
        return Optional.ofNullable(history.getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    /** A review ConfigMap by name, whichever namespace holds it (names carry a random id). */
    Optional<ConfigMap> reviewConfigMap(String name) {
        return reviews.byIndex(BY_NAME, name).stream().findFirst();
    }

    /** Every review ConfigMap the caches hold, all namespaces. */
    List<ConfigMap> reviewConfigMaps() {
        return reviews.list();
    }

    public Optional<VirtualService> virtualService(String namespace, String name) {
        return Optional.ofNullable(virtualServices.getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public Optional<DestinationRule> destinationRule(String namespace, String name) {
        return Optional.ofNullable(destinationRules.getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    /**
     * Tells {@code listener} of every change to a Service, Deployment, VirtualService,
     * DestinationRule or Gateway (before, after; null for an add's before and a delete's after),
     * on the informers' threads: it must hand work off, not do it.
     */
    @SuppressWarnings("unchecked")
    public void listen(java.util.function.BiConsumer<HasMetadata, HasMetadata> listener) {
        List<Informers<?>> routing = new java.util.ArrayList<>(List.of(services, deployments, virtualServices,
                destinationRules, gateways));
        routing.addAll(gatewayApi.all());
        for (Informers<?> informer : routing) {
            ((Informers<HasMetadata>) informer).listen(listener);
        }
    }

    /** Whether the dashboard watches {@code namespace} (every namespace when it watches all). */
    public boolean watches(String namespace) {
        return watched.isEmpty() || watched.contains(namespace);
    }

    /** Per cached kind: synced and watching. */
    Map<String, Boolean> informerStates() {
        Map<String, Boolean> states = new java.util.LinkedHashMap<>();
        states.put("services", ready(services));
        states.put("deployments", ready(deployments));
        states.put("virtualServices", ready(virtualServices));
        states.put("destinationRules", ready(destinationRules));
        states.put("gateways", ready(gateways));
        states.put("history", ready(history));
        states.put("rollouts", ready(rollouts));
        gatewayApi.all().forEach(i -> states.put(gatewayApiName(i), ready(i)));
        return states;
    }

    private String gatewayApiName(Informers<?> informers) {
        return informers == gatewayApi.namespaces ? "namespaces" : informers == gatewayApi.routes ? "httpRoutes"
                : informers == gatewayApi.gateways ? "gatewayApiGateways" : "referenceGrants";
    }

    private static boolean ready(Informers<?> informers) {
        return informers.ready();
    }

    /** The namespaces that hold at least one service, sorted (one store look-up per namespace). */
    public List<String> namespaces() {
        return serviceStores.values().stream().flatMap(store -> store.namespaces().stream()).toList();
    }

    /**
     * Waits until the cache shows {@code object} at its resourceVersion, or shows it gone when
     * {@code deleted}; gives up quietly after the configured time (the write itself succeeded).
     */
    @SuppressWarnings("unchecked")
    void awaitVisible(HasMetadata object, boolean deleted, long timeoutMillis) {
        Informers<HasMetadata> informer = (Informers<HasMetadata>) informerFor(object);
        String key = Cache.metaNamespaceKeyFunc(object);
        String rv = object.getMetadata().getResourceVersion();
        boolean shown = informer.await(key, cached -> deleted ? cached == null
                : cached != null && Objects.equals(cached.getMetadata().getResourceVersion(), rv), timeoutMillis);
        if (!shown) {
            log.warn("Cache did not show {} {} within {} ms", object.getKind(), key, timeoutMillis);
        }
    }

    private Informers<? extends HasMetadata> informerFor(HasMetadata object) {
        if (object instanceof ConfigMap map && ReviewStore.isReview(map)) {
            return reviews;
        }
        if (object instanceof ConfigMap map && RolloutStore.isRollout(map)) {
            return rollouts;
        }
        Map<Class<?>, Informers<? extends HasMetadata>> byType = Map.of(
                VirtualService.class, virtualServices, DestinationRule.class, destinationRules,
                Gateway.class, gateways, Service.class, services, Deployment.class, deployments,
                ConfigMap.class, history);
        if (gatewayApi.available && byType.get(object.getClass()) == null) {
            byType = new java.util.HashMap<>(Map.of(HTTPRoute.class, gatewayApi.routes,
                    io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class, gatewayApi.gateways));
            if (gatewayApi.grants != null) {
                byType.put(ReferenceGrant.class, gatewayApi.grants);
            }
        }
        return Optional.ofNullable(byType.get(object.getClass()))
                .orElseThrow(() -> new IllegalArgumentException("not cached: " + object.getKind()));
    }

    @Override
    public void close() {
        for (Informers<?> informer : all) {
            if (informer != null) {
                informer.stop();
            }
        }
    }
}
