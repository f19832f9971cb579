package dev.trafficwizard.web;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

import java.util.regex.Pattern;

/**
 * Whole numbers as people type them into a form or a JSON string: the ASCII digits 0-9 only.
 * {@link Integer#parseInt} (and so Spring's conversion and Jackson's string coercion) reads any
 * Unicode digit, so {@code "٩٠"} (Arabic-Indic) or {@code "５０"} (full-width) became 90 or 50. As a
 * Jackson module (registered by Spring Boot) it refuses such a JSON string at its field; forms and
 * request parameters use {@link #parse}.
 */
@Component
class AsciiNumbers extends SimpleModule {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    AsciiNumbers() {
        super("ascii-numbers");
        addDeserializer(Integer.class, new AsciiInteger());
    }

    /** The number, or NumberFormatException for anything but an optional sign and ASCII digits. */
    static Integer parse(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new NumberFormatException("not written with the digits 0-9: " + text);
        }
        return Integer.valueOf(text);
    }

    /** Whether the text holds a digit other than 0-9, e.g. Arabic-Indic or full-width (not just any non-number). */
    static boolean otherDigits(String text) {
        return text.chars().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'));
    }

    /** Jackson's own Integer reading, except that a string must hold ASCII digits. */
    private static final class AsciiInteger extends StdScalarDeserializer<Integer> {

        private static final NumberDeserializers.IntegerDeserializer STANDARD =
                new NumberDeserializers.IntegerDeserializer(Integer.class, null);

        AsciiInteger() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getString().trim();
                if (!text.isEmpty() && !INTEGER.matcher(text).matches()) {
                    return (Integer) ctxt.handleWeirdStringValue(Integer.class, text,
                            "a number must be written with the digits 0-9");
                }
            }
            return STANDARD.deserialize(p, ctxt);
        }
    }
}
