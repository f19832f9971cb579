package dev.trafficwizard.istio;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * One step of the simulator's reasoning as a message key ({@code sim.*} in messages.properties) and
 * its arguments, so each page says it in its reader's language (web/Reasons renders it through the
 * MessageSource). Arguments are names, numbers, other reasons (a phrase inside a sentence) or
 * {@link Joined} lists of them. {@link #english()} is the same text in English, for logs and tests,
 * read from the same messages.properties without Spring.
 */
public record Reason(String key, List<Object> args) {

    public Reason {
        args = List.copyOf(args);
    }

    public static Reason of(String key, Object... args) {
        return new Reason(key, List.of(args));
    }

    /** Parts shown one after the other, separated by the text of {@code separatorKey} (", ", " and ", "; "). */
    public record Joined(String separatorKey, List<?> parts) {
        public Joined {
            parts = List.copyOf(parts);
        }
    }

    public static Joined joined(String separatorKey, List<?> parts) {
        return new Joined(separatorKey, parts);
    }

    /**
     * The text of this reason: {@code message} turns a key and its (already rendered) arguments into
     * text in one language; nested reasons and joined lists are rendered first, with the same function.
     */
    public String render(BiFunction<String, Object[], String> message) {
        Object[] rendered = args.stream().map(a -> renderArg(a, message)).toArray();
        return message.apply(key, rendered);
    }

    private static Object renderArg(Object arg, BiFunction<String, Object[], String> message) {
        if (arg instanceof Reason r) {
            return r.render(message);
        }
        if (arg instanceof Joined j) {
            String separator = message.apply(j.separatorKey(), new Object[0]);
            return j.parts().stream().map(p -> String.valueOf(renderArg(p, message)))
                    .collect(Collectors.joining(separator));
        }
        return arg;
    }

    /** The English text (messages.properties), e.g. for test assertions and logs. */
    public String english() {
        return render((key, arguments) -> new MessageFormat(English.BUNDLE.getString(key), Locale.ENGLISH)
                .format(arguments));
    }

    @Override
    public String toString() {
        return english();
    }

    private static final class English {
        static final ResourceBundle BUNDLE = ResourceBundle.getBundle("messages", Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
