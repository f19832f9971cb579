package dev.trafficwizard.web;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A finding of the live checks (or of a paste) as pages and the API show it: our code, Istio's code
 * (null when Istio has no such rule), severity, the message in the reader's language, the object and
 * the YAML path in it.
 */
public record FindingView(String code, String istioCode, String severity, String message, ObjectView object,
                          String path,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          dev.trafficwizard.istio.YamlLines.Range lines) {

    /** The same, with the lines of a pasted text it concerns (null: none found). */
    public FindingView withLines(dev.trafficwizard.istio.YamlLines.Range at) {
        return new FindingView(code, istioCode, severity, message, object, path, at);
    }

    /** The object a finding concerns. */
    public record ObjectView(String kind, String namespace, String name) {

        @JsonIgnore
        public String label() {
            return kind + " " + namespace + "/" + name;
        }
    }

    @JsonIgnore
    public boolean isError() {
        return "ERROR".equals(severity);
    }

    @JsonIgnore
    public boolean isWarning() {
        return "WARNING".equals(severity);
    }
}
