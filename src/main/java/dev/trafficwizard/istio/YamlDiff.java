package dev.trafficwizard.istio;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.DeleteDelta;
import com.github.difflib.patch.InsertDelta;
import com.github.difflib.patch.Patch;

import java.util.List;

/**
 * A unified diff of two YAML texts, as people read it in a review ("" when equal). The lines both
 * texts start and end with are set aside first; the rest is diffed line by line (Myers, whose time
 * grows with its length times the number of differences) only up to {@link #MAX_DIFFED_LINES}, and
 * shown as one replaced block beyond, so the work stays linear in the texts' length.
 */
public final class YamlDiff {

    private static final int CONTEXT = 3;
    /** Far more differing lines than any routing change has (a 50-rule plan is a few hundred lines). */
    static final int MAX_DIFFED_LINES = 4_000;

    private YamlDiff() {
    }

    public static String unified(String name, String before, String after) {
        return unified(before.isEmpty() ? "/dev/null" : "live/" + name,
                after.isEmpty() ? "/dev/null" : "proposed/" + name, before, after);
    }

    /** The same with the two sides named as given (e.g. two history revisions). */
    public static String unified(String fromLabel, String toLabel, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, a, patch, CONTEXT);
        return String.join("\n", diff) + "\n";
    }

    static Patch<String> diff(List<String> a, List<String> b) {
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int end = 0;
        while (end < a.size() - start && end < b.size() - start
                && a.get(a.size() - 1 - end).equals(b.get(b.size() - 1 - end))) {
            end++;
        }
        List<String> from = a.subList(start, a.size() - end);
        List<String> to = b.subList(start, b.size() - end);
        Patch<String> patch = new Patch<>();
        if (from.isEmpty() && to.isEmpty()) {
            return patch;
        }
        if (from.size() + to.size() > MAX_DIFFED_LINES) {
            Chunk<String> source = new Chunk<>(start, from);
            Chunk<String> target = new Chunk<>(start, to);
            patch.addDelta(from.isEmpty() ? new InsertDelta<>(source, target) : to.isEmpty()
                    ? new DeleteDelta<>(source, target) : new ChangeDelta<>(source, target));
            return patch;
        }
        for (AbstractDelta<String> d : DiffUtils.diff(from, to).getDeltas()) {
            patch.addDelta(d.withChunks(new Chunk<>(start + d.getSource().getPosition(), d.getSource().getLines()),
                    new Chunk<>(start + d.getTarget().getPosition(), d.getTarget().getLines())));
        }
        return patch;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : text.lines().toList();
    }
}
