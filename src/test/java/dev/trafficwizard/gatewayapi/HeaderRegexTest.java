package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.checks.Re2;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A header prefix written as {@code ^<escaped prefix>.*} matches (as Envoy matches a RegularExpression:
 * RE2, the whole value) exactly the values that start with the prefix, and reads back as that prefix;
 * "present" ({@code .*}) matches every value a header can hold, the empty one too.
 */
class HeaderRegexTest {

    private static final String ALPHABET = "ab.+*?()|[]{}^$\\-/ =;~";

    @Test
    void aPrefixRegexMatchesExactlyTheValuesStartingWithThePrefix() {
        Random random = new Random(2026_12_02L);
        int starting = 0;
        for (int n = 0; n < 3000; n++) {
            String prefix = word(random, 1 + random.nextInt(5));
            String value = random.nextBoolean() ? prefix + word(random, random.nextInt(4)) : word(random, random.nextInt(7));
            String regex = HttpRouteMatches.prefixRegex(prefix);
            assertThat(Re2.fullMatch(regex, value)).as("%s ~ %s", regex, value).isEqualTo(value.startsWith(prefix));
            assertThat(HttpRouteMatches.prefixOf(regex)).contains(prefix);
            starting += value.startsWith(prefix) ? 1 : 0;
        }
        assertThat(starting).isBetween(1000, 2500);
    }

    @Test
    void otherRegexesAreNotReadAsPrefixes() {
        assertThat(HttpRouteMatches.prefixOf("^beta.*")).contains("beta");
        assertThat(HttpRouteMatches.prefixOf("^be.ta.*")).isEmpty();
        assertThat(HttpRouteMatches.prefixOf("beta.*")).isEmpty();
        assertThat(HttpRouteMatches.prefixOf("^beta\\.*")).isEmpty();
        assertThat(HttpRouteMatches.prefixOf("^(a|b).*")).isEmpty();
        assertThat(HttpRouteMatches.prefixOf("^.*")).contains(""); // what an empty prefix is written as
    }

    @Test
    void presentMatchesEveryHeaderValue() {
        for (String value : new String[] {"", "x", "a b;c=d", "\t", "\u00e9"}) {
            assertThat(Re2.fullMatch(HttpRouteMatches.PRESENT, value)).as(value).isTrue();
        }
    }

    private static String word(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
