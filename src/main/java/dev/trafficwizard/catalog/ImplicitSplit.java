package dev.trafficwizard.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Without Istio routing a Service load-balances round robin over its ready pods, so each version
 * gets its share of the pods. Shares are whole percentages that add up to 100 (largest remainder).
 */
final class ImplicitSplit {

    private ImplicitSplit() {
    }

    static List<Integer> shares(List<Integer> readyPods) {
        int total = readyPods.stream().mapToInt(Integer::intValue).sum();
        List<Integer> out = new ArrayList<>();
        if (total == 0) {
            readyPods.forEach(p -> out.add(0));
            return out;
        }
        double[] exact = readyPods.stream().mapToDouble(p -> p * 100.0 / total).toArray();
        int assigned = 0;
        for (double e : exact) {
            out.add((int) Math.floor(e));
            assigned += (int) Math.floor(e);
        }
        List<Integer> byRemainder = IntStream.range(0, exact.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> exact[i] - Math.floor(exact[i])).reversed())
                .toList();
        for (int k = 0; k < 100 - assigned; k++) {
            int i = byRemainder.get(k % byRemainder.size());
            out.set(i, out.get(i) + 1);
        }
        return out;
    }
}
