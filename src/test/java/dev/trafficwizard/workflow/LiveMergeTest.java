package dev.trafficwizard.workflow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LiveMergeTest {

    @ParameterizedTest(name = "HTTP rule {0} of {2}, plan of {1} rules: {3}")
    @CsvSource({
            ",  2, 2, rules",
            "0, 2, 2, rules[0]",
            "1, 2, 2, rules[1]",
            // two version pins before the catch-all
            "0, 2, 4, rules[0]",
            "1, 2, 4, stickySession.keepVersionCookie",
            "2, 2, 4, stickySession.keepVersionCookie",
            "3, 2, 4, rules[1]",
            "0, 1, 3, stickySession.keepVersionCookie",
            "2, 1, 3, rules[0]",
    })
    void aDroppedFieldPointsAtThePlanRuleItsHttpRuleWasBuiltFrom(Integer http, int planRules, int httpRules,
                                                                 String path) {
        assertThat(LiveMerge.planPath(http, planRules, httpRules)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} (plan owns policies: {1}): {2}")
    @CsvSource({
            "spec.trafficPolicy.loadBalancer.simple, false, stickySession",
            "spec.trafficPolicy.outlierDetection, true, trafficPolicy",
            "spec.subsets[1].trafficPolicy.tls, true, versionPolicies",
            "spec.subsets[1].trafficPolicy, true, rules",
            "spec.subsets[1].trafficPolicy, false, rules",
    })
    void aDroppedPolicyPointsAtThePlanFieldThatOwnsIt(String dropped, boolean owns, String path) {
        assertThat(LiveMerge.policyPath(dropped, owns)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{1} of HTTP rule {0}: {2}")
    @CsvSource({
            "1, spec.http[1].timeout, rules[1]",
            "1, spec.http[1].corsPolicy, stickySession.keepVersionCookie",
            "0, spec.http[0].retries, rules[0]",
            "3, spec.http[3].mirror, rules[1]",
    })
    void aPinsResilienceIsThePinnedCatchAlls(int http, String dropped, String path) {
        assertThat(LiveMerge.planPath(new dev.trafficwizard.istio.StructuralMerge.Dropped(http, dropped), 2, 4))
                .isEqualTo(path);
    }
}
