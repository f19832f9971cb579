package dev.trafficwizard.web;

/**
 * Writes SVG markup: every text and attribute value escaped, numbers written the same in every
 * locale, texts fitted to a width (estimated from the characters) with an ellipsis.
 */
final class SvgWriter {

    private final StringBuilder out = new StringBuilder(4096);

    /**
     * {@code s} as XML text or attribute value: {@code & < > " '} escaped, and characters XML cannot
     * hold (control characters, lone surrogates) replaced by U+FFFD, so any input stays inert.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    boolean valid = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                            || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
                    b.appendCodePoint(valid ? c : 0xFFFD);
                }
            }
        }
        return b.toString();
    }

    /** The estimated width of {@code s} in units of one narrow character: wide (CJK, Hangul) characters count 2. */
    static int columns(String s) {
        return s.codePoints().map(c -> wide(c) ? 2 : 1).sum();
    }

    /** {@code s} cut to at most {@code max} columns, ending with an ellipsis when cut. */
    static String fit(String s, int max) {
        if (s == null) {
            return "";
        }
        if (columns(s) <= max) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int c : s.codePoints().toArray()) {
            int w = wide(c) ? 2 : 1;
            if (used + w > max - 1) {
                break;
            }
            b.appendCodePoint(c);
            used += w;
        }
        return b.toString().stripTrailing() + "…";
    }

    private static boolean wide(int c) {
        return c >= 0x1100 && c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF || c >= 0xAC00 && c <= 0xD7A3
                || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F || c >= 0xFF00 && c <= 0xFF60
                || c >= 0x1F300 && c <= 0x1FAFF || c >= 0x20000 && c <= 0x3FFFD;
    }

    /** A number as SVG wants it: at most one decimal, a dot, no grouping, whatever the locale. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "."
                + Math.abs(tenths) % 10;
    }

    /** {@code <name a="v" …>}; {@code attributes} alternate names and values, null values are left out. */
    SvgWriter open(String name, Object... attributes) {
        start(name, attributes);
        out.append('>');
        return this;
    }

    /** {@code <name a="v" …/>}. */
    SvgWriter empty(String name, Object... attributes) {
        start(name, attributes);
        out.append("/>");
        return this;
    }

    /** {@code <name a="v" …>text</name>}, the text escaped. */
    SvgWriter element(String name, String text, Object... attributes) {
        return open(name, attributes).text(text).close(name);
    }

    SvgWriter text(String text) {
        out.append(escape(text));
        return this;
    }

    SvgWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    private void start(String name, Object... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value != null) {
                String v = value instanceof Number n ? num(n.doubleValue()) : value.toString();
                out.append(' ').append(attributes[i]).append("=\"").append(escape(v)).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
