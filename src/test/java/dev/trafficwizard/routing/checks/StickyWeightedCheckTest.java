package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.StickySession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.WARNING;
import static dev.trafficwizard.routing.checks.Fixtures.*;

class StickyWeightedCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("one version gets everything", sticky(new StickySession("x-myval", null, null, null),
                        otherwise(to("original", 100), to("experimental", 0))), context(WEBAPP)),
                passes("versions kept by cookie", sticky(new StickySession("x-myval", null, null, null,
                        "tw-version"), otherwise(to("original", 90), to("experimental", 10))), context(WEBAPP)),
                passes("match rules to single versions", sticky(new StickySession("x-myval", null, null, null),
                        when(header("x-my-header", exact("canary")), "experimental"), otherwise("original")),
                        context(WEBAPP)),
                fails("header x-myval with 90/10", sticky(new StickySession("x-myval", null, null, null),
                        otherwise(to("original", 90), to("experimental", 10))), context(WEBAPP),
                        "STICKY_WEIGHTED", WARNING, "stickySession"));
    }

    /** The warning names the rule as the simulator and the diagrams do: counted from 1. */
    @org.junit.jupiter.api.Test
    void theRuleIsCountedFromOne() {
        RoutingPlan plan = sticky(new StickySession("x-myval", null, null, null),
                when(header("x-my-header", exact("canary")), "experimental"),
                otherwise(to("original", 90), to("experimental", 10)));
        java.util.List<dev.trafficwizard.routing.Diagnostic> out = new java.util.ArrayList<>();
        new StickyWeightedCheck().check(plan, context(WEBAPP), out);
        org.assertj.core.api.Assertions.assertThat(out).singleElement()
                .satisfies(d -> org.assertj.core.api.Assertions.assertThat(d.args()).containsExactly(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new StickyWeightedCheck(), plan, context, code, severity, path);
    }
}
