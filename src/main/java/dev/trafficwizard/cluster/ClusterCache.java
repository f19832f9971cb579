package dev.trafficwizard.cluster;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Informer caches of the five kinds the dashboard reads. Pages read from here, never from a list
 * call per request; writes wait in {@link #awaitVisible} until the cache has seen them.
 */
@Component
public class ClusterCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterCache.class);
    static final String BY_NAMESPACE = Cache.NAMESPACE_INDEX;

    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<VirtualService> virtualServices;
    private final SharedIndexInformer<DestinationRule> destinationRules;
    private final SharedIndexInformer<Gateway> gateways;
    private final SharedIndexInformer<ConfigMap> history;

    ClusterCache(KubernetesClient client, ClusterProperties properties, ClusterInfo info) {
        var istio = client.adapt(IstioClient.class).v1();
        services = client.services().inAnyNamespace().runnableInformer(0);
        deployments = client.apps().deployments().inAnyNamespace().runnableInformer(0);
        virtualServices = istio.virtualServices().inAnyNamespace().runnableInformer(0);
        destinationRules = istio.destinationRules().inAnyNamespace().runnableInformer(0);
        gateways = istio.gateways().inAnyNamespace().runnableInformer(0);
        history = client.configMaps().inAnyNamespace().withLabel(HistoryStore.HISTORY_LABEL, "true")
                .runnableInformer(0);
        long started = System.nanoTime();
        List<SharedIndexInformer<?>> all = List.of(services, deployments, virtualServices, destinationRules, gateways,
                history);
        CompletableFuture<?>[] starts = all.stream().map(i -> i.start().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
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
        log.info("Caches synced in {} ms: {} services, {} deployments, {} virtual services, "
                        + "{} destination rules, {} gateways",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), services.getStore().list().size(),
                deployments.getStore().list().size(), virtualServices.getStore().list().size(),
                destinationRules.getStore().list().size(), gateways.getStore().list().size());
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
        return services.getStore().list();
    }

    public List<Service> services(String namespace) {
        return services.getIndexer().byIndex(BY_NAMESPACE, namespace);
    }

    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(services.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public List<Deployment> deployments(String namespace) {
        return deployments.getIndexer().byIndex(BY_NAMESPACE, namespace);
    }

    public List<VirtualService> virtualServices(String namespace) {
        return virtualServices.getIndexer().byIndex(BY_NAMESPACE, namespace);
    }

    public List<VirtualService> virtualServices() {
        return virtualServices.getStore().list();
    }

    public List<DestinationRule> destinationRules(String namespace) {
        return destinationRules.getIndexer().byIndex(BY_NAMESPACE, namespace);
    }

    public List<DestinationRule> destinationRules() {
        return destinationRules.getStore().list();
    }

    public List<Gateway> gateways() {
        return gateways.getStore().list();
    }

    public Optional<Gateway> gateway(String namespace, String name) {
        return Optional.ofNullable(gateways.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    Optional<ConfigMap> historyConfigMap(String namespace, String name) {
        return Optional.ofNullable(history.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public Optional<VirtualService> virtualService(String namespace, String name) {
        return Optional.ofNullable(virtualServices.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public Optional<DestinationRule> destinationRule(String namespace, String name) {
        return Optional.ofNullable(destinationRules.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
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
        return states;
    }

    private static boolean ready(SharedIndexInformer<?> informer) {
        return informer.hasSynced() && informer.isRunning();
    }

    /** The namespaces that hold at least one service, sorted. */
    public List<String> namespaces() {
        return services().stream().map(s -> s.getMetadata().getNamespace()).distinct().sorted().toList();
    }

    /**
     * Waits until the cache shows {@code object} at its resourceVersion, or shows it gone when
     * {@code deleted}; gives up quietly after the configured time (the write itself succeeded).
     */
    void awaitVisible(HasMetadata object, boolean deleted, long timeoutMillis) {
        SharedIndexInformer<? extends HasMetadata> informer = informerFor(object);
        String key = Cache.metaNamespaceKeyFunc(object);
        String rv = object.getMetadata().getResourceVersion();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            HasMetadata cached = informer.getStore().getByKey(key);
            boolean visible = deleted ? cached == null
                    : cached != null && Objects.equals(cached.getMetadata().getResourceVersion(), rv);
            if (visible) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("Cache did not show {} {} within {} ms", object.getKind(), key, timeoutMillis);
    }

    private SharedIndexInformer<? extends HasMetadata> informerFor(HasMetadata object) {
        Map<Class<?>, SharedIndexInformer<? extends HasMetadata>> byType = Map.of(
                VirtualService.class, virtualServices, DestinationRule.class, destinationRules,
                Gateway.class, gateways, Service.class, services, Deployment.class, deployments,
                ConfigMap.class, history);
        return Optional.ofNullable(byType.get(object.getClass()))
                .orElseThrow(() -> new IllegalArgumentException("not cached: " + object.getKind()));
    }

    @Override
    public void close() {
        for (SharedIndexInformer<?> informer : java.util.Arrays.asList(services, deployments, virtualServices,
                destinationRules, gateways, history)) {
            if (informer != null) {
                informer.stop();
            }
        }
    }
}
