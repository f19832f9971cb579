package dev.trafficwizard.istio;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The diff of a preview: the same as a plain Myers diff for real sizes, one replaced block for huge ones. */
class YamlDiffTest {

    @Test
    void realSizedChangesDiffAsMyersDoes() throws Exception {
        Random random = new Random(12);
        for (int round = 0; round < 300; round++) {
            List<String> a = IntStream.range(0, random.nextInt(60)).mapToObj(i -> "line " + random.nextInt(8)).toList();
            List<String> b = new ArrayList<>(a);
            for (int edits = random.nextInt(6); edits > 0; edits--) {
                int at = b.isEmpty() ? 0 : random.nextInt(b.size());
                switch (random.nextInt(3)) {
                    case 0 -> b.add(at, "new " + random.nextInt(8));
                    case 1 -> { if (!b.isEmpty()) b.remove(at); }
                    default -> { if (!b.isEmpty()) b.set(at, "changed " + random.nextInt(8)); }
                }
            }
            // whatever the deltas, applying the patch gives the new text, and it never has more deltas than Myers
            var patch = YamlDiff.diff(a, b);
            assertThat(patch.applyTo(a)).as("round " + round).isEqualTo(b);
            assertThat(patch.getDeltas().size())
                    .isLessThanOrEqualTo(Math.max(1, DiffUtils.diff(a, b).getDeltas().size()));
            String unified = YamlDiff.unified("x", String.join("\n", a), String.join("\n", b));
            if (!a.equals(b)) {
                assertThat(UnifiedDiffUtils.parseUnifiedDiff(List.of(unified.split("\n"))).applyTo(a)).isEqualTo(b);
            }
        }
    }

    @Test
    void aHugeChangeIsOneReplacedBlockBetweenTheCommonLines() throws Exception {
        List<String> a = IntStream.range(0, 30_000).mapToObj(i -> "  - a" + i).collect(Collectors.toList());
        List<String> b = IntStream.range(0, 30_000).mapToObj(i -> "  - b" + i).collect(Collectors.toList());
        a.add(0, "kind: VirtualService");
        b.add(0, "kind: VirtualService");
        var patch = YamlDiff.diff(a, b);
        assertThat(patch.getDeltas()).hasSize(1);
        assertThat(patch.getDeltas().get(0).getSource().getPosition()).isEqualTo(1);
        assertThat(patch.applyTo(a)).isEqualTo(b);
        String unified = YamlDiff.unified("vs.yaml", String.join("\n", a), String.join("\n", b));
        assertThat(unified).startsWith("--- live/vs.yaml\n+++ proposed/vs.yaml\n"
                + "@@ -1,30001 +1,30001 @@\n kind: VirtualService\n");
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(YamlDiff.unified("x", "a\nb", "a\nb")).isEmpty();
    }
}
