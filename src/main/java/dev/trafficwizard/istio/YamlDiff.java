package dev.trafficwizard.istio;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.List;

/** A unified diff of two YAML texts, as people read it in a review ("" when equal). */
public final class YamlDiff {

    private static final int CONTEXT = 3;

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
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, a, patch, CONTEXT);
        return String.join("\n", diff) + "\n";
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : text.lines().toList();
    }
}
