package dev.trafficwizard;

import dev.trafficwizard.catalog.RoutingState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** All UI text comes from the message bundles: every language has every key, every key used exists. */
class MessagesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path TEMPLATES = RESOURCES.resolve("templates");
    private static final Path SOURCES = Path.of("src/main/java");

    /** {@code #{services.title}} and {@code #{wizard.pods(...)}}: a literal key. */
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
    /** {@code #{|routing.${s.routing()}.help|}}: a key built from a prefix, an expression and a suffix. */
    private static final Pattern BUILT_KEY = Pattern.compile("#\\{\\|([A-Za-z0-9_.-]*)\\$\\{[^}]*}([A-Za-z0-9_.-]*)\\|}");
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?:Diagnostic|Finding)\\.(?:error|warning|info)\\(\\s*(DiagnosticCode\\.|\\S)([A-Z0-9_]*)");

    @Test
    void everyLanguageHasExactlyTheKeysOfTheDefaultBundle() throws IOException {
        Set<String> keys = keys(RESOURCES.resolve("messages.properties"));
        List<Path> bundles = files(RESOURCES, 1, "messages", ".properties");
        assertThat(bundles).contains(RESOURCES.resolve("messages.properties"));
        for (Path bundle : bundles) {
            Set<String> other = keys(bundle);
            assertThat(difference(keys, other)).as("keys missing from %s", bundle).isEmpty();
            assertThat(difference(other, keys)).as("keys of %s not in messages.properties", bundle).isEmpty();
        }
    }

    @Test
    void apostrophesAreDoubledBecauseEveryMessageGoesThroughMessageFormat() throws IOException {
        // spring.messages.always-use-message-format=true: a single ' starts a quoted section and vanishes
        for (Path bundle : files(RESOURCES, 1, "messages", ".properties")) {
            Properties properties = load(bundle);
            for (String key : properties.stringPropertyNames()) {
                assertThat(properties.getProperty(key)).as("%s in %s", key, bundle)
                        .isNotBlank().doesNotContainPattern("(?<!')'(?!')");
            }
        }
    }

    @Test
    void everyKeyTheTemplatesUseExists() throws IOException {
        Set<String> keys = keys(RESOURCES.resolve("messages.properties"));
        List<Path> templates = files(TEMPLATES, 3, "", ".html");
        assertThat(templates).isNotEmpty();
        Set<String> used = new TreeSet<>();
        List<String> builtWithoutKeys = new ArrayList<>();
        for (Path template : templates) {
            String html = Files.readString(template);
            matches(LITERAL_KEY, html, 1).forEach(used::add);
            Matcher built = BUILT_KEY.matcher(html);
            while (built.find()) {
                String prefix = built.group(1);
                String suffix = built.group(2);
                if (keys.stream().noneMatch(k -> k.startsWith(prefix) && k.endsWith(suffix)
                        && k.length() > prefix.length() + suffix.length())) {
                    builtWithoutKeys.add(template.getFileName() + ": " + built.group());
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(difference(used, keys)).as("keys used in templates but missing").isEmpty();
        assertThat(builtWithoutKeys).as("built keys no bundle key can match").isEmpty();
    }

    @Test
    void everyRoutingStateHasItsLabelAndHelp() throws IOException {
        Set<String> keys = keys(RESOURCES.resolve("messages.properties"));
        for (RoutingState state : RoutingState.values()) {
            assertThat(keys).contains("routing." + state, "routing." + state + ".help");
        }
    }

    @Test
    void everyDiagnosticCodeHasAMessageAndEveryDiagnosticMessageACode() throws IOException {
        Set<String> codes = new TreeSet<>();
        List<String> notLiteral = new ArrayList<>();
        for (Path source : files(SOURCES, 10, "", ".java")) {
            Matcher m = DIAGNOSTIC.matcher(Files.readString(source));
            while (m.find()) {
                if (m.group(1).equals("DiagnosticCode.")) {
                    codes.add(m.group(2));
                } else {
                    notLiteral.add(source.getFileName() + ": " + m.group());
                }
            }
        }
        assertThat(notLiteral).as("diagnostic codes must be named DiagnosticCode constants so this test sees them")
                .isEmpty();
        assertThat(codes).contains("WEIGHT_SUM", "UNKNOWN_FIELD", "NOT_FOUND");
        Set<String> keys = keys(RESOURCES.resolve("messages.properties"));
        Set<String> needed = codes.stream().map(c -> "diagnostic." + c).collect(Collectors.toCollection(TreeSet::new));
        Set<String> present = keys.stream().filter(k -> k.startsWith("diagnostic.")).collect(Collectors.toSet());
        assertThat(difference(needed, keys)).as("diagnostic codes without a message").isEmpty();
        assertThat(difference(present, needed)).as("diagnostic messages no code uses").isEmpty();
    }

    private static Set<String> keys(Path bundle) throws IOException {
        return new TreeSet<>(load(bundle).stringPropertyNames());
    }

    private static Properties load(Path bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<Path> files(Path dir, int depth, String prefix, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(dir, depth)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }

    private static List<String> matches(Pattern pattern, String text, int group) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
