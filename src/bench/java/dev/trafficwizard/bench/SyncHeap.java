package dev.trafficwizard.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest heap use while something runs, not only what is left after a full GC: the heap only
 * grows between collections, so its peaks are what each collection found when it started (the GC
 * notifications' "before" usage, summed over the heap's pools, as a GC log's "before" figure), and
 * the use at the end. A sampler every 5 ms backs that up between collections.
 */
final class SyncHeap implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long before = 0;
            for (MemoryPoolMXBean pool : heapPools()) {
                MemoryUsage usage = info.getGcInfo().getMemoryUsageBeforeGc().get(pool.getName());
                before += usage == null ? 0 : usage.getUsed();
            }
            record(before);
        }
    };
    private final Thread sampler;
    private volatile boolean running = true;

    SyncHeap() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(() -> {
            while (running) {
                record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sync-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void record(long used) {
        peak.accumulateAndGet(used, Math::max);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
    }

    /** The highest heap use seen since this was made, in bytes. */
    long peak() {
        record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        return peak.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
