package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.util.function.UnaryOperator;

/**
 * An informer store that keeps objects trimmed of what the dashboard never uses, so a cluster with
 * tens of thousands of objects fits in a small heap. Managed fields go everywhere (the API server
 * keeps its own); kinds Traffic Wizard never writes may drop more (see {@link Trim}).
 */
class TrimmingStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final UnaryOperator<T> trim;

    TrimmingStore(UnaryOperator<T> trim) {
        super(Cache::metaNamespaceKeyFunc);
        this.trim = trim;
    }

    @Override
    public T put(String key, T obj) {
        return super.put(key, trim.apply(obj));
    }
}
