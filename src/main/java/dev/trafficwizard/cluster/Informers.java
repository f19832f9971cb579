package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The informers of one kind: one over all namespaces, or one per watched namespace when the
 * dashboard may only see some (namespaced RBAC). Reads merge them; keys route by namespace.
 */
final class Informers<T> {

    private final Map<String, SharedIndexInformer<T>> byNamespace = new LinkedHashMap<>();

    /** @param create makes the informer for a namespace, or for all namespaces when given null */
    Informers(List<String> namespaces, Function<String, SharedIndexInformer<T>> create) {
        if (namespaces.isEmpty()) {
            byNamespace.put(null, create.apply(null));
        } else {
            namespaces.forEach(ns -> byNamespace.put(ns, create.apply(ns)));
        }
    }

    List<T> list() {
        if (byNamespace.size() == 1) {
            return byNamespace.values().iterator().next().getStore().list();
        }
        List<T> all = new ArrayList<>();
        byNamespace.values().forEach(i -> all.addAll(i.getStore().list()));
        return all;
    }

    T getByKey(String key) {
        String namespace = key.contains("/") ? key.substring(0, key.indexOf('/')) : null;
        SharedIndexInformer<T> informer = byNamespace.containsKey(null) ? byNamespace.get(null)
                : byNamespace.get(namespace);
        return informer == null ? null : informer.getStore().getByKey(key);
    }

    List<T> byIndex(String index, String key) {
        if (byNamespace.size() == 1) {
            return byNamespace.values().iterator().next().getIndexer().byIndex(index, key);
        }
        List<T> all = new ArrayList<>();
        byNamespace.values().forEach(i -> all.addAll(i.getIndexer().byIndex(index, key)));
        return all;
    }

    CompletableFuture<Void> start() {
        return CompletableFuture.allOf(byNamespace.values().stream().map(i -> i.start().toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    boolean ready() {
        return byNamespace.values().stream().allMatch(i -> i.hasSynced() && i.isRunning());
    }

    void stop() {
        byNamespace.values().forEach(SharedIndexInformer::stop);
    }
}
