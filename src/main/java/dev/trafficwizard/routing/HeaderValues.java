package dev.trafficwizard.routing;

/**
 * Whether Envoy accepts a value to set or add as a header, as Istio checks it
 * ({@code ValidateHTTPHeaderValue}, after Envoy's {@code header_parser.cc}): no control character
 * but the tab, and every {@code %} either doubled ({@code 100%%}) or enclosing a variable such as
 * {@code %HOSTNAME%} or {@code %REQ(x-a)%} / {@code %VAR(["a", "b"])%}.
 */
public final class HeaderValues {

    private enum State { LITERAL, NAME, EXPECT_ARRAY, EXPECT_STRING, STRING, DELIMITER_OR_END, ARGS_END, VARIABLE_END }

    private HeaderValues() {
    }

    public static boolean isValid(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return variablesClosed(value);
    }

    private static boolean variablesClosed(String value) {
        State state = State.LITERAL;
        for (int pos = 0; pos < value.length(); pos++) {
            char c = value.charAt(pos);
            boolean hasNext = pos + 1 < value.length();
            switch (state) {
                case LITERAL -> {
                    if (c == '%') {
                        if (!hasNext) {
                            return false;
                        }
                        if (value.charAt(pos + 1) == '%') {
                            pos++;
                        } else {
                            state = State.NAME;
                        }
                    }
                }
                case NAME -> {
                    if (c == '%') {
                        state = State.LITERAL;
                    } else if (c == '(') {
                        state = State.EXPECT_ARRAY;
                    }
                }
                case EXPECT_ARRAY -> {
                    if (c == '[') {
                        state = State.EXPECT_STRING;
                    } else if (c != ' ') {
                        state = State.STRING;
                    }
                }
                case DELIMITER_OR_END -> {
                    if (c == ',') {
                        state = State.EXPECT_STRING;
                    } else if (c == ']') {
                        state = State.ARGS_END;
                    } else if (c != ' ') {
                        return false;
                    }
                }
                case EXPECT_STRING -> {
                    if (c == '"') {
                        state = State.STRING;
                    } else if (c != ' ') {
                        return false;
                    }
                }
                case STRING -> {
                    if (c == '\\') {
                        if (!hasNext) {
                            return false;
                        }
                        pos++;
                    } else if (c == ')') {
                        state = State.VARIABLE_END;
                    } else if (c == '"') {
                        state = State.DELIMITER_OR_END;
                    }
                }
                case ARGS_END -> {
                    if (c == ')') {
                        state = State.VARIABLE_END;
                    } else if (c != ' ') {
                        return false;
                    }
                }
                case VARIABLE_END -> {
                    if (c == '%') {
                        state = State.LITERAL;
                    } else if (c != ' ') {
                        return false;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return state == State.LITERAL;
    }
}
