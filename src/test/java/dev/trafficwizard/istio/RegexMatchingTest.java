package dev.trafficwizard.istio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator matches regexes as Envoy does: RE2 syntax, whole value, linear time. */
class RegexMatchingTest {

    @Test
    void matchesTheWholeValue() {
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("a+b", "aaab")).isTrue();
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("a+b", "aaabc")).isFalse();
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("v[0-9]+", "v" + "1".repeat(100_000))).isTrue();
    }

    @Test
    @Timeout(5)
    void catastrophicPatternsRunInLinearTime() {
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("(a+)+$", "a".repeat(64) + "!")).isFalse();
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("(x+x+)+y", "x".repeat(5_000))).isFalse();
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("(a|b)*c", "ab".repeat(200_000) + "c")).isTrue();
    }

    @Test
    void regexesRe2CannotCompileMatchNothing() {
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("(", "(")).isFalse();
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("(a)\\1", "aa")).isFalse();
        assertThat(dev.trafficwizard.routing.checks.Re2.fullMatch("a{,3}", "a{,3}")).isTrue();
    }
}
