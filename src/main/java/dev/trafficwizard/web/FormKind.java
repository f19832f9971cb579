package dev.trafficwizard.web;

import java.util.Arrays;
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

    static Optional<FormKind> of(String segment) {
        return Arrays.stream(values()).filter(k -> k.segment.equals(segment)).findFirst();
    }
}
