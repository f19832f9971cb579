package dev.trafficwizard.istio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator matches regexes as Envoy does: RE2 syntax, whole value, linear time. */
class RegexMatchingTest {

    @Test
    void matchesTheWholeValue() {
        assertThat(RequestMatcher.re2Matches("a+b", "aaab")).isTrue();
        assertThat(RequestMatcher.re2Matches("a+b", "aaabc")).isFalse();
        assertThat(RequestMatcher.re2Matches("v[0-9]+", "v" + "1".repeat(100_000))).isTrue();
    }

    @Test
    @Timeout(5)
    void catastrophicPatternsRunInLinearTime() {
        assertThat(RequestMatcher.re2Matches("(a+)+$", "a".repeat(64) + "!")).isFalse();
        assertThat(RequestMatcher.re2Matches("(x+x+)+y", "x".repeat(5_000))).isFalse();
        assertThat(RequestMatcher.re2Matches("(a|b)*c", "ab".repeat(200_000) + "c")).isTrue();
    }

    @Test
    void regexesRe2CannotCompileMatchNothing() {
        assertThat(RequestMatcher.re2Matches("(", "(")).isFalse();
        assertThat(RequestMatcher.re2Matches("(a)\\1", "aa")).isFalse();
        assertThat(RequestMatcher.re2Matches("a{,3}", "a{,3}")).isTrue();
    }
}
