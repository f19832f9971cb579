package dev.trafficwizard.analysis;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a paste shows of the live objects that read it: only what it adds, and for a bounded number of them. */
class PasteRecheckTest {

    private static DestinationRule rule(String subset) {
        return new DestinationRuleBuilder().withNewMetadata().withName("shared").withNamespace("shop").withUid("dr")
                .withResourceVersion("1").endMetadata().withNewSpec().withHost("shared").addNewSubset()
                .withName(subset).addToLabels("version", subset).endSubset().endSpec().build();
    }

    private static List<HasMetadata> mesh(int virtualServices) {
        List<HasMetadata> out = new ArrayList<>();
        out.add(rule("v1"));
        for (int i = 0; i < virtualServices; i++) {
            out.add(new VirtualServiceBuilder().withNewMetadata().withName("vs-" + i).withNamespace("shop")
                    .withUid("u" + i).withResourceVersion("1").endMetadata().withNewSpec().withHosts("vs-" + i)
                    .addNewHttp().addNewRoute().withNewDestination().withHost("shared").withSubset("v1")
                    .endDestination().endRoute().endHttp().endSpec().build());
        }
        return out;
    }

    @Test
    void aPastedRuleThatDropsASubsetShowsTheRoutesItBreaksUpToTheLimit() {
        MeshSnapshot live = ListedSnapshot.of(mesh(1_200));
        MeshAnalysis analysis = new MeshAnalysis();
        analysis.checkAll(live);
        assertThat(analysis.findings()).extracting(Finding::code).doesNotContain("SUBSET_NOT_FOUND");

        DestinationRule pasted = rule("v2");
        Overlay overlay = Overlay.of(live, List.of(pasted));
        List<Finding> found = analysis.analyzeWith(overlay, List.of(pasted), overlay.replaced());
        assertThat(found).extracting(Finding::code).containsOnly("SUBSET_NOT_FOUND");
        assertThat(found).hasSize(MeshAnalysis.MAX_READERS_PER_PASTE);
        // nothing held changed
        assertThat(analysis.findings()).extracting(Finding::code).doesNotContain("SUBSET_NOT_FOUND");
    }

    @Test
    void whatWasAlreadyWrongOnALiveReaderIsNotRepeated() {
        List<HasMetadata> objects = mesh(3);
        objects.set(0, rule("v0")); // every VirtualService already routes to a subset the live rule lacks
        MeshSnapshot live = ListedSnapshot.of(objects);
        MeshAnalysis analysis = new MeshAnalysis();
        analysis.checkAll(live);
        assertThat(analysis.findings()).extracting(Finding::code).contains("SUBSET_NOT_FOUND");

        DestinationRule pasted = rule("v2");
        Overlay overlay = Overlay.of(live, List.of(pasted));
        assertThat(analysis.analyzeWith(overlay, List.of(pasted), overlay.replaced())).isEmpty();
    }
}
