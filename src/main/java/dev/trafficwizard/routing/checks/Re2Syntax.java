package dev.trafficwizard.routing.checks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Envoy's RE2 engine rejects although {@code java.util.regex} accepts it: backreferences,
 * lookaround, atomic groups and possessive quantifiers. A small scanner that knows escapes,
 * {@code \Q...\E} quoting and character classes, for patterns that already compile in Java.
 */
final class Re2Syntax {

    private static final Pattern BOUNDED_QUANTIFIER = Pattern.compile("\\{\\d+(,\\d*)?}");

    private Re2Syntax() {
    }

    /** The first construct RE2 does not support, as written in the pattern. */
    static Optional<String> unsupportedConstruct(String regex) {
        int n = regex.length();
        boolean inClass = false;
        int classStart = -1;
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    break;
                }
                char escaped = regex.charAt(i + 1);
                if (escaped == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    if (end < 0) {
                        break;
                    }
                    i = end + 1;
                    continue;
                }
                if (!inClass && escaped >= '1' && escaped <= '9') {
                    return Optional.of("\\" + escaped);
                }
                if (!inClass && escaped == 'k' && i + 2 < n && regex.charAt(i + 2) == '<') {
                    int close = regex.indexOf('>', i + 3);
                    return Optional.of(close < 0 ? "\\k<" : regex.substring(i, close + 1));
                }
                i++;
                continue;
            }
            if (inClass) {
                boolean leadingBracket = i == classStart + 1
                        || (i == classStart + 2 && regex.charAt(classStart + 1) == '^');
                if (c == ']' && !leadingBracket) {
                    inClass = false;
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    classStart = i;
                }
                case '(' -> {
                    if (i + 1 < n && regex.charAt(i + 1) == '?') {
                        String rest = regex.substring(i + 2);
                        for (String look : new String[] {"=", "!", "<=", "<!", ">"}) {
                            if (rest.startsWith(look)) {
                                return Optional.of("(?" + look);
                            }
                        }
                        i++;
                    }
                }
                case '*', '+', '?' -> {
                    if (i + 1 < n && regex.charAt(i + 1) == '+') {
                        return Optional.of(c + "+");
                    }
                    if (i + 1 < n && regex.charAt(i + 1) == '?') {
                        i++;
                    }
                }
                case '{' -> {
                    Matcher m = BOUNDED_QUANTIFIER.matcher(regex).region(i, n);
                    if (m.lookingAt()) {
                        int after = m.end();
                        if (after < n && regex.charAt(after) == '+') {
                            return Optional.of("}+");
                        }
                        i = after < n && regex.charAt(after) == '?' ? after : after - 1;
                    }
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }
}
