package dev.trafficwizard.hostile;

import java.util.List;
import java.util.Random;

/**
 * Generates hostile text for property-based tests: empty and blank, very long, unicode (emoji,
 * right-to-left, combining, lone surrogates, CJK, Turkish dotted I), control characters, YAML /
 * JSON / HTML / template / script injection, huge and odd numbers, catastrophic regexes, and values
 * that are almost right. Seeded, so a failure names the seed that reproduces it.
 */
final class HostileValues {

    /** Marks script payloads so a test can look for them unescaped in an answer. */
    static final String SCRIPT_MARK = "twxss";

    static final List<String> FIXED = List.of(
            "", " ", "   ", "\t", "\n", "\r\n", "\u0000", "abc\u0000def", "\u001b[31mred", "\u0007\u0008\u007f",
            "\u202eevil", "\ufeffbom", "\u200b", "é", "e\u0301\u0301\u0301", "İ", "ı", "ß", "ǅ", "ﬁ", "日本語",
            "한국어", "ع", "💥🔥", "\ud800", "\udc00x", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            "<script>" + SCRIPT_MARK + "(1)</script>", "\"><img src=x onerror=" + SCRIPT_MARK + "(1)>",
            "'><svg onload=" + SCRIPT_MARK + "(1)>", "</textarea><script>" + SCRIPT_MARK + "()</script>",
            "javascript:" + SCRIPT_MARK + "(1)", "<b>bold</b>", "&lt;&amp;&#x3c;",
            "{{7*7}}", "${7*7}", "#{7*7}", "*{7*7}", "[[${7*7}]]", "__${T(java.lang.Runtime).getRuntime()}__::.x",
            "${T(java.lang.System).exit(1)}", "#{T(java.lang.System).getenv()}",
            "a: b\nc: d", "- x\n- y", "!!binary aGk=", "&a [*a, *a, *a]", "---\nkind: Secret",
            "!!python/object/apply:os.system ['id']", "key: |\n  text", "? complex\n: key", "%YAML 1.1",
            "{\"a\":1}", "\"}],\"x\":{\"", "\\u0000", "[1,2", "null", "undefined", "[]", "{}", "true", "false",
            "'; DROP TABLE routes; --", "../../../../etc/passwd", "%00", "%2e%2e%2f", "\\", "'", "\"", "`", "\\\\'",
            "0", "-0", "-1", "1", "50", "100", "101", "2147483647", "2147483648", "-2147483649",
            "99999999999999999999999999999999", "1e309", "-1e309", "NaN", "Infinity", "0x10", "1.5", "+5", " 50 ",
            "007", "٣", "５０",
            "(a+)+$", "((a*)*)*b", "(a|aa)*c", "(x+x+)+y", "(?=x)", "(?<!x)y", "(a)\\1", "[", "(", "*", "?", ".*",
            "a{99999}", "a{1000}{1000}", "\\p{Foo}", "(?i)abc",
            "*", "*.example.com", "example.com", "EXAMPLE.COM", "a..b", "-a-", ".", "*.*", "a*b.com",
            "safe", "risky", "original", "experimental", "v1", "x-canary", "X-Canary", "x canary", "x:y", "/", "/api",
            "GET", "get", "mesh", "new", "existing", "header", "cookie", "sourceIp", "query", "none", "on",
            "443", "80", "8080", "65536", "10s", "1h30m", "-5s", "1y", "tw-version", "a=b;c", "a,b", "a b\nc d");

    private static final String SYMBOLS = "<>&\"'`{}[]$#*:-|\\/%;=,!?@";

    private final Random random;

    HostileValues(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** One hostile value. */
    String next() {
        int kind = random.nextInt(100);
        if (kind < 55) {
            return pick();
        }
        if (kind < 75) {
            StringBuilder mix = new StringBuilder();
            for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
                mix.append(pick());
            }
            return mix.toString();
        }
        if (kind < 95) {
            return randomCodePoints(random.nextInt(random.nextBoolean() ? 20 : 600));
        }
        if (kind < 98) {
            return pick().repeat(1 + random.nextInt(2_000));
        }
        return "x".repeat(50_000 + random.nextInt(60_000));
    }

    String pick() {
        return FIXED.get(random.nextInt(FIXED.size()));
    }

    private String randomCodePoints(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int range = random.nextInt(10);
            int cp = switch (range) {
                case 0 -> random.nextInt(0x20);                 // control characters
                case 1 -> 0x80 + random.nextInt(0x780);         // Latin, Greek, Cyrillic, combining
                case 2 -> 0xAC00 + random.nextInt(0x2BA4);      // Hangul
                case 3 -> 0x1F300 + random.nextInt(0x300);      // emoji
                case 4 -> 0xD800 + random.nextInt(0x800);       // lone surrogates
                case 5 -> SYMBOLS.charAt(random.nextInt(SYMBOLS.length()));
                default -> 0x20 + random.nextInt(0x5F);         // printable ASCII
            };
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
