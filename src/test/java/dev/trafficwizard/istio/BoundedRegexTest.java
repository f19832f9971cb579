package dev.trafficwizard.istio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's regex matching answers for patterns that make Java's engine backtrack forever. */
class BoundedRegexTest {

    @Test
    void ordinaryPatternsMatchAsUsual() {
        assertThat(BoundedRegex.matches("a+b", "aaab")).isTrue();
        assertThat(BoundedRegex.matches("a+b", "aaac")).isFalse();
        assertThat(BoundedRegex.matches("v[0-9]+", "v" + "1".repeat(100_000))).isTrue();
    }

    @Test
    void catastrophicBacktrackingEndsAsNoMatch() {
        assertThat(BoundedRegex.matches("(a+)+$", "a".repeat(64) + "!")).isFalse();
        assertThat(BoundedRegex.matches("(x+x+)+y", "x".repeat(5_000))).isFalse();
    }

    @Test
    void deepRecursionEndsAsNoMatchInsteadOfOverflowingTheStack() {
        assertThat(BoundedRegex.matches("(a|b)*c", "ab".repeat(200_000))).isFalse();
    }

    @Test
    void invalidPatternsMatchNothing() {
        assertThat(BoundedRegex.matches("(", "(")).isFalse();
    }
}
