package dev.trafficwizard.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The routing forms a plan can be made with. {@link #segment()} is the form's URL segment under a
 * service and the text stored for it (the {@code traffic-wizard.io/form} annotation, history and
 * review entries): "weighted", "header", "uri", "subdomain", "dark", "rules".
 */
public enum FormKind {
    WEIGHTED("weighted"), HEADER("header"), URI("uri"), SUBDOMAIN("subdomain"), DARK("dark"), RULES("rules");

    private final String segment;

    FormKind(String segment) {
        this.segment = segment;
    }

    public String segment() {
        return segment;
    }

    /** The operators a rule row of this form offers, in the order its select shows them. */
    public List<String> matchOps() {
        return switch (this) {
            case HEADER -> List.of("exact", "prefix", "regex", "present");
            case URI -> List.of("prefix", "exact", "regex");
            default -> List.of();
        };
    }

    /** The form stored as {@code segment}; empty for null or any text that names no form. */
    public static Optional<FormKind> of(String segment) {
        return Arrays.stream(values()).filter(k -> k.segment.equals(segment)).findFirst();
    }

    /** The stored text of {@code form}, null for none. */
    public static String segmentOf(FormKind form) {
        return form == null ? null : form.segment;
    }
}
