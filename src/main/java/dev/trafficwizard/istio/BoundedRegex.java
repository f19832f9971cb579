package dev.trafficwizard.istio;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Full-string regex matching for the simulator with a bound on the work. Envoy's RE2 runs in
 * linear time, Java's engine backtracks: {@code (a+)+$} against a long run of {@code a}s would take
 * ages and deep alternations overflow the stack. Past the bound the answer is "no match", which is
 * what a simulation of a request nobody can decide on should show rather than hang the server.
 */
final class BoundedRegex {

    /** Character reads allowed per match: linear patterns on any sane header stay far below. */
    static final int BUDGET = 2_000_000;

    private BoundedRegex() {
    }

    static boolean matches(String regex, String value) {
        try {
            return Pattern.compile(regex).matcher(new Counted(value)).matches();
        } catch (PatternSyntaxException | OverBudget | StackOverflowError undecided) {
            return false;
        }
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** The input, counting the engine's reads. */
    private static final class Counted implements CharSequence {
        private final String text;
        private int reads;

        Counted(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (++reads > BUDGET) {
                throw new OverBudget();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
