package dev.trafficwizard.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small bounded map whose entries expire a fixed time after they were put. When full, expired
 * entries go first, then arbitrary ones: it is a cache, a miss only costs the slow path again.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int capacity;
    private final Clock clock;

    ExpiringCache(Duration ttl, int capacity, Clock clock) {
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
    }

    V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expires() <= clock.millis()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    void put(K key, V value) {
        if (entries.size() >= capacity) {
            evict();
        }
        entries.put(key, new Entry<>(value, clock.millis() + ttl.toMillis()));
    }

    int size() {
        return entries.size();
    }

    private void evict() {
        long now = clock.millis();
        entries.values().removeIf(e -> e.expires() <= now);
        Iterator<K> keys = entries.keySet().iterator();
        while (entries.size() >= capacity && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
