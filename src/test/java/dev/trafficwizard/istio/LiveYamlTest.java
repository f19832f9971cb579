package dev.trafficwizard.istio;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveYamlTest {

    @Test
    void liveYamlIsTheObjectWithoutServerFieldsAndFollowsEveryNewResourceVersion() {
        DestinationRule v1 = rule("uid-live-yaml", "7", "reviews.default.svc.cluster.local");
        DestinationRule v2 = rule("uid-live-yaml", "8", "ratings.default.svc.cluster.local");

        assertThat(YamlRenderer.renderLive(v1)).isEqualTo(YamlRenderer.renderOne(YamlRenderer.withoutServerFields(v1)))
                .contains("host: reviews.default.svc.cluster.local").doesNotContain("resourceVersion", "uid");
        assertThat(YamlRenderer.renderLive(v1)).isSameAs(YamlRenderer.renderLive(v1));
        assertThat(YamlRenderer.renderLive(v2)).contains("host: ratings.default.svc.cluster.local");
        assertThat(YamlRenderer.renderLive(List.of(v1, v2))).isEqualTo(YamlRenderer.render(
                List.of(YamlRenderer.withoutServerFields(v1), YamlRenderer.withoutServerFields(v2))));
    }

    @Test
    void objectsWithoutUidOrResourceVersionAreRenderedEachTime() {
        DestinationRule a = rule(null, null, "reviews.default.svc.cluster.local");
        DestinationRule b = rule(null, null, "ratings.default.svc.cluster.local");

        assertThat(YamlRenderer.renderLive(a)).contains("reviews.default");
        assertThat(YamlRenderer.renderLive(b)).contains("ratings.default");
    }

    private static DestinationRule rule(String uid, String resourceVersion, String host) {
        return new DestinationRuleBuilder().withNewMetadata().withName("reviews").withNamespace("default")
                .withUid(uid).withResourceVersion(resourceVersion).endMetadata()
                .withNewSpec().withHost(host).endSpec().build();
    }
}
