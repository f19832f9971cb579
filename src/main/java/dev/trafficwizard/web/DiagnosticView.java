package dev.trafficwizard.web;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A diagnostic as the page and the API show it: the message resolved in the user's language. */
public record DiagnosticView(String code, String severity, String message, String path) {

    @JsonIgnore
    public boolean isError() {
        return "ERROR".equals(severity);
    }

    /** True when the diagnostic concerns {@code prefix} or a field inside it. */
    public boolean concerns(String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }
}
