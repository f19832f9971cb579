package dev.trafficwizard.web;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.Names;

import java.util.ArrayList;
import java.util.List;

/**
 * Header names as the forms take them: HTTP compares them case-insensitively and Istio matches
 * them lowercase, so a name typed with capitals is written lowercase (JWT claims keep their case)
 * and the form says so instead of refusing it.
 */
final class HeaderNames {

    private HeaderNames() {
    }

    /**
     * The name as written into the plan: trimmed, and lowercase when it is a valid header name
     * (not a JWT claim); an invalid one is kept as typed, so its error quotes what the user wrote.
     */
    static String lower(String typed) {
        String name = typed == null ? "" : typed.trim();
        return Names.isHeaderName(name) ? Names.emittedHeaderName(name) : name;
    }

    /** A header name of the form that was typed with capitals, and how it is written. */
    record Lowercased(String typed, String written) {
    }

    /** The header names of this form (rules, dark release, sticky header) that were lowercased. */
    static List<Lowercased> lowercased(FormKind kind, RoutingForm form) {
        List<String> typed = new ArrayList<>();
        if (kind == FormKind.HEADER) {
            form.getRules().stream().limit(FormPlans.MAX_ROWS).forEach(row -> typed.add(row.getName()));
        }
        if (kind == FormKind.DARK) {
            typed.add(form.getDarkHeader());
        }
        if ("header".equals(form.getSticky())) {
            typed.add(form.getStickyHeader());
        }
        List<Lowercased> out = new ArrayList<>();
        for (String name : typed) {
            String trimmed = name == null ? "" : name.trim();
            String written = lower(trimmed);
            if (!written.equals(trimmed) && out.stream().noneMatch(l -> l.typed().equals(trimmed))) {
                out.add(new Lowercased(trimmed, written));
            }
        }
        return out;
    }
}
