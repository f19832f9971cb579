package dev.trafficwizard.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The recent request rates of one service's versions, one sample per time bucket, at most
 * {@code size} buckets (bounded memory). Sampled when read: a bucket nobody read in repeats the
 * last sample before it (the split only changes when someone writes it).
 */
final class RateRing {

    private record Bucket(long index, Map<String, Double> rates) {
    }

    private final int size;
    private final Deque<Bucket> buckets = new ArrayDeque<>();

    RateRing(int size) {
        this.size = size;
    }

    /** Records the rates of bucket {@code index} (later samples of the same bucket replace earlier ones). */
    synchronized void sample(long index, Map<String, Double> rates) {
        Bucket last = buckets.peekLast();
        if (last != null && index < last.index()) {
            return; // the clock went back: keep what is known
        }
        if (last != null && last.index() == index) {
            buckets.pollLast();
        } else if (last != null) {
            for (long gap = Math.max(last.index() + 1, index - size + 1); gap < index; gap++) {
                add(new Bucket(gap, last.rates()));
            }
        }
        add(new Bucket(index, Map.copyOf(rates)));
    }

    private void add(Bucket bucket) {
        buckets.addLast(bucket);
        while (buckets.size() > size) {
            buckets.pollFirst();
        }
    }

    /** The version's rate in each kept bucket, oldest first (0 where it had no traffic). */
    synchronized List<Double> series(String version) {
        List<Double> out = new ArrayList<>(buckets.size());
        buckets.forEach(b -> out.add(b.rates().getOrDefault(version, 0.0)));
        return out;
    }
}
