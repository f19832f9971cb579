package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.HeaderChanges;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the HTTPRoute CRD (v1.6.1) allows in a {@code RequestHeaderModifier} / {@code ResponseHeaderModifier}:
 * at most 16 entries in each of set, add and remove (maxItems); header names of 1 to 256 token characters
 * ({@code ^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$}, so no pseudo-header such as {@code :authority}); values of 1 to
 * 4096 visible ASCII characters, single spaces or tabs only between them ({@code ^[!-~]+([\t ]?[!-~]+)*$},
 * the experimental channel's pattern; the standard channel's has only the lengths). The API server refuses
 * anything else, so each is reported at its plan path.
 */
final class HeaderModifierLimits {

    static final int ENTRIES = 16;
    static final int NAME_LENGTH = 256;
    static final int VALUE_LENGTH = 4096;
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+");
    static final Pattern VALUE = Pattern.compile("[!-~]+([\\t ]?[!-~]+)*");

    private HeaderModifierLimits() {
    }

    /** Reports what the CRD refuses in {@code ops} under {@code field} (e.g. {@code rules[0].headers.request}). */
    static void check(HeaderChanges.Operations ops, String field, List<Untranslatable> untranslatable) {
        if (ops == null) {
            return;
        }
        values(ops.set(), field + ".set", untranslatable);
        values(ops.add(), field + ".add", untranslatable);
        count(ops.remove(), field + ".remove", untranslatable);
        for (String name : ops.remove()) {
            name(name, field + ".remove." + name, untranslatable);
        }
    }

    private static void values(Map<String, String> entries, String field, List<Untranslatable> untranslatable) {
        count(entries.keySet(), field, untranslatable);
        entries.forEach((name, value) -> {
            String at = field + "." + name;
            name(name, at, untranslatable);
            if (value == null || value.isEmpty()) {
                untranslatable.add(new Untranslatable(at, "the HTTPRoute CRD refuses an empty header value"
                        + " (at least 1 character)"));
            } else if (value.length() > VALUE_LENGTH) {
                untranslatable.add(new Untranslatable(at, "the HTTPRoute CRD allows header values of at most "
                        + VALUE_LENGTH + " characters, this one has " + value.length()));
            } else if (!VALUE.matcher(value).matches()) {
                untranslatable.add(new Untranslatable(at, "the HTTPRoute CRD takes header values of visible ASCII"
                        + " characters with single spaces or tabs between them (pattern ^[!-~]+([\\t ]?[!-~]+)*$):"
                        + " '" + value + "' is not one"));
            }
        });
    }

    private static void name(String name, String field, List<Untranslatable> untranslatable) {
        if (name == null || name.isEmpty() || name.length() > NAME_LENGTH || !NAME.matcher(name).matches()) {
            untranslatable.add(new Untranslatable(field, "the HTTPRoute CRD takes header names of 1 to " + NAME_LENGTH
                    + " token characters (pattern ^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$, so no pseudo-header such as"
                    + " :authority): '" + name + "' is not one"));
        }
    }

    private static void count(Collection<?> entries, String field, List<Untranslatable> untranslatable) {
        if (entries.size() > ENTRIES) {
            untranslatable.add(new Untranslatable(field, "Gateway API allows at most " + ENTRIES
                    + " headers here, the plan has " + entries.size()));
        }
    }
}
