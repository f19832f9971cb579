package dev.trafficwizard.routing.checks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RE2's limit on counted repetition that RE2/J lacks: {@code x{n,m}} nested in one another may not
 * repeat more than 1000 times in all (C++ RE2's {@code RepetitionWalker}, Go's {@code repeatIsValid}:
 * "bad repetition operator"), so {@code ((a{100}){100}){100}} is refused as Envoy refuses it. Each
 * counted repetition multiplies by its maximum (its minimum when unbounded); a group counts as its
 * costliest branch. Reads a regex RE2/J already compiled, in one pass.
 */
final class Re2Repeats {

    static final int MAX = 1000;
    private static final Pattern COUNT = Pattern.compile("\\{(\\d+)(,(\\d*))?}");

    private Re2Repeats() {
    }

    /** The product of nested repetition counts when it exceeds {@link #MAX}, else 0. */
    static long excess(String regex) {
        Deque<long[]> groups = new ArrayDeque<>(); // per open group: {largest product so far, last atom's}
        long[] top = {1, 0};
        Matcher count = COUNT.matcher(regex);
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            long atom = 1;
            if (c == '\\') {
                i = escapeEnd(regex, i);
            } else if (c == '[') {
                i = classEnd(regex, i);
            } else if (c == '(') {
                int flagsEnd = regex.startsWith("(?", i) ? flagsEnd(regex, i) : -1;
                if (flagsEnd > 0 && regex.charAt(flagsEnd) == ')') {
                    i = flagsEnd + 1; // (?i): flags, not a group
                    continue;
                }
                groups.push(top);
                top = new long[] {1, 0};
                i = flagsEnd > 0 ? flagsEnd + 1 : i + 1;
                continue;
            } else if (c == ')') {
                atom = Math.max(top[0], top[1]);
                top = groups.isEmpty() ? new long[] {1, 0} : groups.pop();
                i++;
            } else if (c == '|') {
                top[1] = 0;
                i++;
                continue;
            } else if (c == '{' && count.region(i, regex.length()).lookingAt()) {
                long n = Long.parseLong(count.group(1).length() > 7 ? "99999999" : count.group(1));
                long m = count.group(2) == null || count.group(3).isEmpty() ? n
                        : Long.parseLong(count.group(3).length() > 7 ? "99999999" : count.group(3));
                top[1] = top[1] * Math.max(m, 1);
                if (top[1] > MAX) {
                    return top[1];
                }
                top[0] = Math.max(top[0], top[1]);
                i = count.end();
                continue;
            } else if (c == '*' || c == '+' || c == '?') {
                i++;
                continue;
            } else {
                i++;
            }
            top[1] = atom;
            top[0] = Math.max(top[0], atom);
        }
        return 0;
    }

    private static int escapeEnd(String regex, int i) {
        if (i + 1 >= regex.length()) {
            return regex.length();
        }
        char next = regex.charAt(i + 1);
        if (next == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        if ((next == 'p' || next == 'P' || next == 'x') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
            int end = regex.indexOf('}', i + 2);
            return end < 0 ? regex.length() : end + 1;
        }
        return i + 2;
    }

    private static int classEnd(String regex, int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++; // a leading ] is literal
        }
        while (j < regex.length() && regex.charAt(j) != ']') {
            if (regex.charAt(j) == '\\') {
                j = escapeEnd(regex, j);
            } else if (regex.startsWith("[:", j) && regex.indexOf(":]", j + 2) > 0) {
                j = regex.indexOf(":]", j + 2) + 2;
            } else {
                j++;
            }
        }
        return j + 1;
    }

    /** For {@code (?...}: the index of the {@code :} or {@code )} ending the flags or the group name. */
    private static int flagsEnd(String regex, int i) {
        int j = i + 2;
        if (regex.startsWith("P<", j) || regex.startsWith("<", j)) {
            int end = regex.indexOf('>', j);
            return end < 0 ? regex.length() - 1 : end;
        }
        while (j < regex.length() && regex.charAt(j) != ':' && regex.charAt(j) != ')') {
            j++;
        }
        return Math.min(j, regex.length() - 1);
    }
}
