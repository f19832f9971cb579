package dev.trafficwizard.routing.checks;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Optional;

/**
 * Regexes as Envoy reads them: RE2 syntax, compiled here with RE2/J (the same grammar, linear-time
 * matching), plus RE2's limit on nested counted repetition that RE2/J does not enforce
 * ({@link Re2Repeats}). Istio also refuses regexes longer than 1024 characters
 * ({@link Limits#MAX_VALUE_LENGTH}).
 */
public final class Re2 {

    private Re2() {
    }

    /** Empty when RE2 compiles the regex, else RE2/J's description of the problem. */
    public static Optional<String> problem(String regex) {
        try {
            Pattern.compile(regex);
            long repeats = Re2Repeats.excess(regex);
            return repeats == 0 ? Optional.empty() : Optional.of("bad repetition operator: nested repetitions of "
                    + repeats + " times, RE2 allows " + Re2Repeats.MAX);
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription() + (e.getPattern() == null || e.getPattern().isEmpty()
                    ? "" : " (" + e.getPattern() + ")"));
        }
    }

    /**
     * Whether the whole of {@code value} matches, as Envoy's RE2 matches: linear time, so no regex
     * can hang a simulation. A regex RE2 cannot compile matches nothing (Envoy would refuse the route).
     */
    public static boolean fullMatch(String regex, String value) {
        try {
            return Pattern.matches(regex, value);
        } catch (PatternSyntaxException invalid) {
            return false;
        }
    }

    /** Whether Java's own engine accepts the regex: then it is a Java-only construct, not a typo. */
    static boolean javaAccepts(String regex) {
        try {
            java.util.regex.Pattern.compile(regex);
            return true;
        } catch (java.util.regex.PatternSyntaxException | StackOverflowError e) {
            return false;
        }
    }
}
