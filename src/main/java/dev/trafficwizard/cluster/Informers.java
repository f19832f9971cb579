package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The informers of one kind: one over all namespaces, or one per watched namespace when the
 * dashboard may only see some (namespaced RBAC). Reads merge them; keys route by namespace.
 */
final class Informers<T> {

    private final Map<String, SharedIndexInformer<T>> byNamespace = new LinkedHashMap<>();
    private final Set<Waiting<T>> waiting = ConcurrentHashMap.newKeySet();
    private final List<java.util.function.BiConsumer<T, T>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Someone waiting for the object at {@code key} to be {@code shown} (null: absent). */
    private record Waiting<T>(String key, Predicate<T> shown, CompletableFuture<Void> done) {
    }

    /** @param create makes the informer for a namespace, or for all namespaces when given null */
    Informers(List<String> namespaces, Function<String, SharedIndexInformer<T>> create) {
        if (namespaces.isEmpty()) {
            byNamespace.put(null, create.apply(null));
        } else {
            namespaces.forEach(ns -> byNamespace.put(ns, create.apply(ns)));
        }
        // the store is updated before handlers hear of a change, so a waiter checks what the store holds
        byNamespace.values().forEach(informer -> informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                changed(object);
                listeners.forEach(l -> l.accept(null, object));
            }

            @Override
            public void onUpdate(T before, T after) {
                changed(after);
                listeners.forEach(l -> l.accept(before, after));
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                changed(object);
                listeners.forEach(l -> l.accept(object, null));
            }
        }));
    }

    /**
     * Tells {@code listener} of every change the informers see, after their stores hold it: (null,
     * added), (before, after), (deleted, null). Called on the informer's thread: it must not block.
     */
    void listen(java.util.function.BiConsumer<T, T> listener) {
        listeners.add(listener);
    }

    /**
     * Waits until the object at {@code key} is {@code shown} (given null when absent), woken by the
     * informer's events instead of polling.
     *
     * @return false when it was not shown within the time
     */
    boolean await(String key, Predicate<T> shown, long timeoutMillis) {
        Waiting<T> wait = new Waiting<>(key, shown, new CompletableFuture<>());
        waiting.add(wait);
        try {
            check(wait);
            wait.done().get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.remove(wait);
        }
    }

    private void changed(T object) {
        if (waiting.isEmpty() || !(object instanceof HasMetadata meta)) {
            return;
        }
        String key = Cache.metaNamespaceKeyFunc(meta);
        waiting.stream().filter(w -> w.key().equals(key)).forEach(this::check);
    }

    private void check(Waiting<T> wait) {
        if (wait.shown().test(getByKey(wait.key()))) {
            wait.done().complete(null);
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
        // a cluster-scoped key (a Namespace's name) is held by the informer watching that namespace
        String namespace = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
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
