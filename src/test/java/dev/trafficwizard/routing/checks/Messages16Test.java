package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.RoutingPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every diagnostic the #16 checks report formats in English and Korean with the arguments it carries. */
class Messages16Test {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Messages16Test.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyNewDiagnosticFormatsInBothLanguages() throws IOException {
        Map<Locale, Properties> bundles = Map.of(Locale.ENGLISH, load("/messages.properties"),
                Locale.KOREAN, load("/messages_ko.properties"));
        Map<PlanCheck, Stream<Arguments>> cases = Map.of(
                new MirrorFaultCheck(), MirrorFaultCheckTest.cases(),
                new TimeoutRetriesCheck(), TimeoutRetriesCheckTest.cases(),
                new HeaderChangesCheck(), HeaderChangesCheckTest.cases(),
                new MatchSourceCheck(), MatchFieldsTest.sourceCases(),
                new MatchCheck(), MatchFieldsTest.matchCases(),
                new TrafficPolicyCheck(), TrafficPolicyCheckTest.cases());
        List<Diagnostic> all = new ArrayList<>();
        cases.forEach((check, args) -> args.forEach(a -> check.check((RoutingPlan) a.get()[1],
                (CheckContext) a.get()[2], all)));
        assertThat(all).hasSizeGreaterThan(60);
        for (Diagnostic d : all) {
            bundles.forEach((locale, bundle) -> {
                String pattern = bundle.getProperty(d.messageKey());
                assertThat(pattern).as(d.code() + " in " + locale).isNotBlank();
                String text = new MessageFormat(pattern, locale).format(d.args().toArray());
                assertThat(text).as(d.code() + " in " + locale).doesNotContain("{");
                if (!d.args().contains("")) { // an empty value shows as ''
                    assertThat(text).as(d.code() + " in " + locale).doesNotContain("''");
                }
            });
        }
    }
}
