package dev.trafficwizard.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The routing forms; each is a URL segment under a service and a value of the form annotation. */
enum FormKind {
    WEIGHTED("weighted"), HEADER("header"), URI("uri"), SUBDOMAIN("subdomain"), DARK("dark");

    private final String segment;

    FormKind(String segment) {
        this.segment = segment;
    }

    String segment() {
        return segment;
    }

    /** The operators a rule row of this form offers, in the order its select shows them. */
    List<String> matchOps() {
        return switch (this) {
            case HEADER -> List.of("exact", "prefix", "regex", "present");
            case URI -> List.of("prefix", "exact", "regex");
            default -> List.of();
        };
    }

    static Optional<FormKind> of(String segment) {
        return Arrays.stream(values()).filter(k -> k.segment.equals(segment)).findFirst();
    }
}
