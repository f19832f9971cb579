package dev.trafficwizard.istio;

/**
 * Envoy's custom header value syntax as Istio checks it ({@code validateHeaderValue}): literal
 * text, {@code %%} for a percent sign, {@code %VARIABLE%} and {@code %VARIABLE(args)%} or
 * {@code %VARIABLE(["a","b"])%}.
 */
final class HeaderValueSyntax {

    private enum State { LITERAL, NAME, ARRAY, EXPECT_STRING, STRING, DELIMITER_OR_END, ARGS_END, VARIABLE_END }

    private HeaderValueSyntax() {
    }

    /** Null when the value is well formed. */
    static String problem(String value) {
        State state = State.LITERAL;
        for (int pos = 0; pos < value.length(); pos++) {
            char ch = value.charAt(pos);
            boolean hasNext = pos + 1 < value.length();
            switch (state) {
                case LITERAL -> {
                    if (ch == '%') {
                        if (!hasNext) {
                            return "invalid header configuration. Un-escaped %";
                        }
                        if (value.charAt(pos + 1) == '%') {
                            pos++;
                        } else {
                            state = State.NAME;
                        }
                    }
                }
                case NAME -> {
                    if (ch == '%') {
                        state = State.LITERAL;
                    } else if (ch == '(') {
                        state = State.ARRAY;
                    }
                }
                case ARRAY -> {
                    if (ch == '[') {
                        state = State.EXPECT_STRING;
                    } else if (!Character.isWhitespace(ch)) {
                        state = State.STRING;
                    }
                }
                case DELIMITER_OR_END -> {
                    if (ch == ',') {
                        state = State.EXPECT_STRING;
                    } else if (ch == ']') {
                        state = State.ARGS_END;
                    } else if (!Character.isWhitespace(ch)) {
                        return "invalid header configuration. Expecting ',', ']', or whitespace";
                    }
                }
                case EXPECT_STRING -> {
                    if (ch == '"') {
                        state = State.STRING;
                    } else if (!Character.isWhitespace(ch)) {
                        return "invalid header configuration. Expecting '\"'";
                    }
                }
                case STRING -> {
                    if (ch == '\\') {
                        if (!hasNext) {
                            return "invalid header configuration. Un-terminated backslash in JSON string";
                        }
                        pos++;
                    } else if (ch == ')') {
                        state = State.VARIABLE_END;
                    } else if (ch == '"') {
                        state = State.DELIMITER_OR_END;
                    }
                }
                case ARGS_END -> {
                    if (ch == ')') {
                        state = State.VARIABLE_END;
                    } else if (!Character.isWhitespace(ch)) {
                        return "invalid header configuration. Expecting ')' or whitespace";
                    }
                }
                case VARIABLE_END -> {
                    if (ch == '%') {
                        state = State.LITERAL;
                    } else if (!Character.isWhitespace(ch)) {
                        return "invalid header configuration. Expecting '%' or whitespace";
                    }
                }
            }
        }
        return state == State.LITERAL ? null : "invalid header configuration. Un-terminated variable expression";
    }
}
