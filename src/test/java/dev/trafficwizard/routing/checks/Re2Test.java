package dev.trafficwizard.routing.checks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Regexes as Envoy's RE2 reads them (#12 finding 8): what RE2 compiles, and what it refuses. */
class Re2Test {

    @ParameterizedTest
    @ValueSource(strings = {"a{1000}", "(a{10}){100}", "((a{10}){10}){10}", "(a{1000})*", "(a*){1000}", "a{2}b{1000}",
            "(?:a{500}|b{2}){2}", "(x{0}){1000}", "a{,5000}", "\\{5000}", "[{]{1000}", "[]{]{2}", "\\Q{5000}\\E",
            "(?i)(a{100}){10}", "(?P<n>a{10}){100}", "\\p{Greek}", "\\p{Greek}+", "\\P{Greek}", "[\\p{Greek}]{3}",
            "\\pL", "\\p{Lu}", "\\p{Han}{2}", "\\p{Cyrillic}", "\\p{Latin}", "\\p{Arabic}", "[[:alpha:]]{1000}",
            "\\x{41}{1000}", "/api/v[0-9]+/(users|staff)/.*"})
    void re2Compiles(String regex) {
        assertThat(Re2.problem(regex)).as(regex).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a{1001}", "((a{100}){100}){100}", "(a{2}){501}", "(a{1001})", "(?:a{30}|b{40}){30}",
            "((a{10}){10}){11}", "(a{2,}){501}", "(a{1,1000}){2}", "(?P<n>(?i:a{100})){11}", "([a-z]{100}){11}",
            "(\\pL{100}){11}", "(a{10}){10}{11}"})
    void re2Refuses(String regex) {
        assertThat(Re2.problem(regex)).as(regex).isPresent();
    }
}
