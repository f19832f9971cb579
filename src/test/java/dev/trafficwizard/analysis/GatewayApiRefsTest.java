package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Listener and route hostnames in common, and namespace label selectors, as the Gateway API defines them. */
class GatewayApiRefsTest {

    @Test
    void hostnamesIntersectWhenEqualOrOneIsAWildcardCoveringTheOther() {
        assertThat(GatewayApiRefs.intersect("shop.example.com", "shop.example.com")).isTrue();
        assertThat(GatewayApiRefs.intersect("*.example.com", "shop.example.com")).isTrue();
        assertThat(GatewayApiRefs.intersect("*.example.com", "a.b.example.com")).as("one or more labels").isTrue();
        assertThat(GatewayApiRefs.intersect("a.b.example.com", "*.example.com")).isTrue();
        assertThat(GatewayApiRefs.intersect("*.example.com", "*.shop.example.com")).isTrue();
        assertThat(GatewayApiRefs.intersect("*.example.com", "example.com")).as("the bare domain").isFalse();
        assertThat(GatewayApiRefs.intersect("*.example.com", "badexample.com")).isFalse();
        assertThat(GatewayApiRefs.intersect("shop.example.com", "cart.example.com")).isFalse();
        assertThat(GatewayApiRefs.intersect("*.example.com", "*.example.org")).isFalse();
    }

    @Test
    void aSelectorSelectsByLabelsAndExpressions() {
        Map<String, String> labels = Map.of("team", "shop", "env", "prod");
        assertThat(GatewayApiRefs.selects(null, labels)).isFalse();
        assertThat(GatewayApiRefs.selects(new LabelSelectorBuilder().build(), labels)).isTrue();
        assertThat(GatewayApiRefs.selects(new LabelSelectorBuilder().withMatchLabels(Map.of("team", "shop")).build(), labels))
                .isTrue();
        assertThat(GatewayApiRefs.selects(new LabelSelectorBuilder().withMatchLabels(Map.of("team", "web")).build(), labels))
                .isFalse();
        assertThat(selects("In", "env", List.of("prod", "stage"), labels)).isTrue();
        assertThat(selects("In", "env", List.of("stage"), labels)).isFalse();
        assertThat(selects("NotIn", "env", List.of("stage"), labels)).isTrue();
        assertThat(selects("NotIn", "env", List.of("prod"), labels)).isFalse();
        assertThat(selects("Exists", "team", List.of(), labels)).isTrue();
        assertThat(selects("DoesNotExist", "team", List.of(), labels)).isFalse();
        assertThat(selects("DoesNotExist", "owner", List.of(), labels)).isTrue();
    }

    private static boolean selects(String operator, String key, List<String> values, Map<String, String> labels) {
        return GatewayApiRefs.selects(new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(operator)
                .withValues(values).endMatchExpression().build(), labels);
    }
}
