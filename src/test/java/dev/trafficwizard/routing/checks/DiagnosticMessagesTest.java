package dev.trafficwizard.routing.checks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every code the checks report has an English message that formats with typical arguments. */
class DiagnosticMessagesTest {

    static final Properties MESSAGES = new Properties();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DiagnosticMessagesTest.class.getResourceAsStream("/messages.properties")) {
            MESSAGES.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAN_REQUIRED", "REQUIRED", "INVALID_NAME", "UNKNOWN_SERVICE", "INVALID_HOST", "TOO_MANY",
            "NO_RULES", "UNREACHABLE_RULE", "NO_DESTINATIONS", "DUPLICATE_VERSION", "UNKNOWN_VERSION",
            "WEIGHT_REQUIRED", "WEIGHT_RANGE", "WEIGHT_SUM", "NO_READY_PODS", "EMPTY_MATCH", "MATCH_VALUE",
            "INVALID_HEADER_NAME", "INVALID_QUERY_PARAM", "QUERY_PARAM_PREFIX", "INVALID_METHOD", "INVALID_URI",
            "INVALID_REGEX", "RE2_UNSUPPORTED", "TOO_LONG", "DUPLICATE_MATCH", "INVALID_PORT", "CREDENTIAL_REQUIRED",
            "GATEWAY_MISSING", "HOST_NOT_COVERED", "MESH_WILDCARD_HOST", "HOST_CONFLICT", "STICKY_ONE_KEY",
            "INVALID_COOKIE_NAME", "INVALID_DURATION", "STICKY_WEIGHTED", "HEADER_PROPAGATION", "CONTROL_CHARACTER",
            "NOT_ASCII_NUMBER", "TOO_MANY_CONDITIONS",
            "BODY_TOO_LARGE", "INEFFECTIVE_MATCH", "GATEWAY_CONFLICT"})
    void hasAMessage(String code) {
        String pattern = MESSAGES.getProperty("diagnostic." + code);
        assertThat(pattern).as(code).isNotBlank();
        String text = new MessageFormat(pattern, Locale.ENGLISH).format(args(code));
        assertThat(text).doesNotContain("{").doesNotContain("''");
    }

    /** Arguments as the check reporting the code gives them. */
    private static Object[] args(String code) {
        return switch (code) {
            case "UNREACHABLE_RULE" -> new Object[] {2, 0, 1};
            case "DUPLICATE_MATCH" -> new Object[] {2, 1, 0, 0};
            case "INEFFECTIVE_MATCH" -> new Object[] {2, 1, 0, 0, "/api", "/api/v1"};
            case "GATEWAY_CONFLICT" -> new Object[] {"istio-system/public", "www.fleetman.com", "80"};
            default -> new Object[] {1024, "x-my-header", true};
        };
    }
}
