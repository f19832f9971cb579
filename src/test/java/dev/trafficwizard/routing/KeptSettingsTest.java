package dev.trafficwizard.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan silent on resilience and policies keeps the live ones; one that speaks of them owns them. */
class KeptSettingsTest {

    static final MatchCondition BETA = new MatchCondition(null, Map.of("x-beta", new StringMatch("true", null, null)),
            null, null, null);
    static final TrafficPolicy OUTLIER = new TrafficPolicy(null, null, null,
            new TrafficPolicy.OutlierDetection(5, "10s", "30s", null));

    static RoutingPlan plan(List<Rule> rules) {
        return new RoutingPlan("bookinfo", "reviews", List.of(), null, rules, null);
    }

    static Rule catchAll(int v1, int v2) {
        return new Rule(List.of(), List.of(new WeightedDestination("v1", v1), new WeightedDestination("v2", v2)));
    }

    final RoutingPlan live = plan(List.of(
            new Rule(List.of(BETA), List.of(new WeightedDestination("v2", null)), null, null, "1s", null, null),
            new Rule(List.of(), catchAll(90, 10).route(), new Mirror("v3", 10.0), null, "2s", null, null)))
            .withPolicies(OUTLIER, Map.of("v2", OUTLIER));

    @Test
    void aQuickStartMovingWeightsKeepsEachRulesSettingsAndThePolicies() {
        RoutingPlan moved = plan(List.of(new Rule(List.of(BETA), List.of(new WeightedDestination("v2", null))),
                catchAll(50, 50)));

        RoutingPlan kept = KeptSettings.onto(moved, live);

        assertThat(kept.rules().get(0).timeout()).isEqualTo("1s");
        assertThat(kept.rules().get(1).mirror()).isEqualTo(new Mirror("v3", 10.0));
        assertThat(kept.rules().get(1).timeout()).isEqualTo("2s");
        assertThat(kept.rules().get(1).route()).isEqualTo(catchAll(50, 50).route());
        assertThat(kept.trafficPolicy()).isEqualTo(OUTLIER);
        assertThat(kept.versionPolicies()).containsEntry("v2", OUTLIER);
    }

    @Test
    void aRuleWhoseMatchIsNewGetsNothingAndARemovedRulesSettingsGoWithIt() {
        MatchCondition other = new MatchCondition(new StringMatch(null, "/beta", null), Map.of(), null, null, null);
        RoutingPlan changed = plan(List.of(new Rule(List.of(other), List.of(new WeightedDestination("v2", null))),
                catchAll(90, 10)));

        RoutingPlan kept = KeptSettings.onto(changed, live);

        assertThat(kept.rules().get(0).hasResilience()).isFalse();
        assertThat(kept.rules().get(1).timeout()).isEqualTo("2s");
    }

    @Test
    void aPlanThatSetsAnySettingOwnsThemAllAndOneWithAPolicyOwnsThePolicies() {
        RoutingPlan owning = plan(List.of(
                new Rule(List.of(BETA), List.of(new WeightedDestination("v2", null)), null, null, null, null,
                        new HeaderChanges(null, null)),
                catchAll(90, 10))).withPolicies(new TrafficPolicy(null, null, null, null), Map.of());

        RoutingPlan kept = KeptSettings.onto(owning, live);

        assertThat(kept).isEqualTo(owning);
        assertThat(kept.rules().get(1).timeout()).isNull();
        assertThat(kept.trafficPolicy().setsNothing()).isTrue();
    }
}
