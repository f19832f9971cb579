package dev.trafficwizard.istio;

import dev.trafficwizard.routing.HeaderValues;

/**
 * Istio's admission words for a header value that Envoy's syntax refuses ({@link HeaderValues}, the
 * one reading of it: literal text, {@code %%}, {@code %VARIABLE%}, {@code %VARIABLE(args)%}).
 */
final class HeaderValueSyntax {

    private HeaderValueSyntax() {
    }

    /** Null when the value is well formed. */
    static String problem(String value) {
        return HeaderValues.isValid(value) ? null
                : "invalid header configuration: a control character, an un-escaped % or an unterminated variable"
                + " expression (write %% for a percent sign)";
    }
}
