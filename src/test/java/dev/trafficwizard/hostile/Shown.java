package dev.trafficwizard.hostile;

/** A hostile value as a failure message can show it: escaped, and cut when long. */
final class Shown {

    private Shown() {
    }

    static String of(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().limit(300).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0xD800 && cp <= 0xDFFF)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        out.append('"');
        if (value.length() > 300) {
            out.append(" (").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
