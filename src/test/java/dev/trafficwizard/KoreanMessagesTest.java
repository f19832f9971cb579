package dev.trafficwizard;

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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Korean is a translation, not a copy: a Korean text may not be the English one left in place,
 * and the simulator's reasons (istio/Reason keys in Java code) all have texts, and all texts a use.
 */
class KoreanMessagesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    /** A word of English prose: three or more Latin letters that are not a product or protocol name. */
    private static final Pattern WORD = Pattern.compile("(?<![\\w{./-])[A-Za-z]{3,}(?![\\w./-])");
    private static final Set<String> NAMES = Set.of("Traffic", "Wizard", "Istio", "VirtualService", "VirtualServices",
            "DestinationRule", "DestinationRules", "Gateway", "Gateways", "YAML", "HTTP", "HTTPS", "URI", "API",
            "REST", "OpenAPI", "Kubernetes", "Envoy", "UTC", "JSON", "JWT", "OIDC", "CSRF", "English", "Set-Cookie",
            "ConfigMap", "ServiceAccount", "Secret", "Prometheus", "Swagger", "RE2", "GET", "POST", "PUT",
            "PATCH", "DELETE", "mesh", "cookie", "header", "weight", "subset", "version", "host", "hosts",
            "gateways", "match", "route", "exact", "prefix", "regex", "uri", "http", "kubectl", "TLS", "credentialName");
    private static final Pattern REASON_KEY = Pattern.compile("\"(sim\\.why\\.[A-Za-z.]+)\"");

    @Test
    void noKoreanTextIsTheEnglishOneLeftInPlace() throws IOException {
        Properties english = load(RESOURCES.resolve("messages.properties"));
        Properties korean = load(RESOURCES.resolve("messages_ko.properties"));
        List<String> untranslated = new ArrayList<>();
        for (String key : new TreeSet<>(korean.stringPropertyNames())) {
            String ko = korean.getProperty(key);
            if (ko.equals(english.getProperty(key)) && !englishWords(ko).isEmpty()) {
                untranslated.add(key + "=" + ko + "  " + englishWords(ko));
            }
        }
        assertThat(untranslated).as("Korean texts that are still English").isEmpty();
    }

    @Test
    void everySimulatorReasonHasATextAndEveryReasonTextAUse() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/trafficwizard/istio"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = REASON_KEY.matcher(Files.readString(source));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("sim.why.rule.fits", "sim.why.mismatch.header", "sim.why.result");
        Set<String> defined = new TreeSet<>(load(RESOURCES.resolve("messages.properties")).stringPropertyNames());
        defined.removeIf(k -> !k.startsWith("sim.why."));
        assertThat(difference(used, defined)).as("reason keys without a text").isEmpty();
        assertThat(difference(defined, used)).as("reason texts no code uses").isEmpty();
    }

    private static List<String> englishWords(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (!NAMES.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static Properties load(Path bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
