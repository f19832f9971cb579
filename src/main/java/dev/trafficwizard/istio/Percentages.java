package dev.trafficwizard.istio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Relative weights as whole percentages adding up to 100 (largest remainder); all zero if they sum to 0. */
final class Percentages {

    private Percentages() {
    }

    static List<Integer> of(List<Double> weights) {
        double total = weights.stream().mapToDouble(w -> Math.max(0, w)).sum();
        List<Integer> out = new ArrayList<>();
        if (total <= 0) {
            weights.forEach(w -> out.add(0));
            return out;
        }
        double[] exact = weights.stream().mapToDouble(w -> Math.max(0, w) * 100.0 / total).toArray();
        int assigned = 0;
        for (double e : exact) {
            int floor = (int) Math.floor(e + 1e-9);
            out.add(floor);
            assigned += floor;
        }
        List<Integer> byRemainder = IntStream.range(0, exact.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> exact[i] - out.get(i)).reversed())
                .toList();
        for (int k = 0; k < 100 - assigned; k++) {
            int i = byRemainder.get(k % byRemainder.size());
            out.set(i, out.get(i) + 1);
        }
        return out;
    }
}
