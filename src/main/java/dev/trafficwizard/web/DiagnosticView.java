package dev.trafficwizard.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.trafficwizard.routing.DiagnosticCode;

import java.util.Locale;

/**
 * A diagnostic as the page and the API show it: the message resolved in the user's language, and
 * Istio's analyzer code for the same rule ({@code IST0130} …; null when Istio has none).
 */
public record DiagnosticView(String code, String istioCode, String severity, String message, String path) {

    public DiagnosticView(String code, String severity, String message, String path) {
        this(code, DiagnosticCode.istioCodeOf(code), severity, message, path);
    }

    /** The page of Istio's documentation for {@link #istioCode}, or null. */
    @JsonIgnore
    public String istioUrl() {
        return istioCode == null ? null
                : "https://istio.io/latest/docs/reference/config/analysis/" + istioCode.toLowerCase(Locale.ROOT) + "/";
    }

    @JsonIgnore
    public boolean isError() {
        return "ERROR".equals(severity);
    }

    /** True when the diagnostic concerns {@code prefix} or a field inside it. */
    public boolean concerns(String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }
}
