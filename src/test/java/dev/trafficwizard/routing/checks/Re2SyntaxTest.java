package dev.trafficwizard.routing.checks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class Re2SyntaxTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", nullValues = "-", value = {
            "/api/v[0-9]+/.* => -",
            "(?i)fleetman\\.com => -",
            "(?<name>a)b => -",
            "(?:a|b)*?c{2,3}? => -",
            "\\\\1 => -",
            "[\\1] => -",
            "[(?=]x => -",
            "[]+]+ => -",
            "\\Q(?=a++\\E => -",
            "a}+ => -",
            "(a)\\1 => \\1",
            "(?<n>a)\\k<n> => \\k<n>",
            "/(?=admin) => (?=",
            "/(?!admin).* => (?!",
            "(?<=a)b => (?<=",
            "(?<!a)b => (?<!",
            "(?>a|ab)c => (?>",
            "a*+ => *+",
            "a++ => ++",
            "a?+ => ?+",
            "a{2,}+ => }+"})
    void findsWhatRe2Rejects(String regex, String construct) {
        assertThat(Re2Syntax.unsupportedConstruct(regex).orElse(null)).isEqualTo(construct);
    }
}
