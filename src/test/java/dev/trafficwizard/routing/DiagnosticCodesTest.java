package dev.trafficwizard.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every diagnostic code says something in English and in Korean; every diagnostic text belongs to a code. */
class DiagnosticCodesTest {

    @ParameterizedTest
    @EnumSource(DiagnosticCode.class)
    void everyCodeHasItsTextInBothLanguages(DiagnosticCode code) throws IOException {
        assertThat(bundle("messages.properties").getProperty(code.messageKey())).as(code + " in English").isNotBlank();
        assertThat(bundle("messages_ko.properties").getProperty(code.messageKey())).as(code + " in Korean").isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_ko.properties"})
    void noDiagnosticTextWithoutACode(String file) throws IOException {
        assertThat(bundle(file).stringPropertyNames()).filteredOn(k -> k.matches("diagnostic\\.[A-Z0-9_]+"))
                .allSatisfy(key -> assertThat(Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::messageKey))
                        .as(key + " has no DiagnosticCode").contains(key));
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DiagnosticCodesTest.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
