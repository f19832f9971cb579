package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Issue #12 finding 2 end to end: a forged CSRF token cannot write a line of its choosing into the audit log. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
class AuditIntegrationTest {

    static final String PLAN = """
            {"namespace":"default","service":"fleetman-webapp",
             "rules":[{"route":[{"version":"original","weight":100}]}]}""";

    @Autowired
    MockMvc mvc;

    /**
     * A token the XOR CSRF handler decodes to {@code text}: 36 zero bytes, then the text itself
     * (36 bytes, the length of the session's token), base64url-encoded.
     */
    static String tokenDecodingTo(String text) {
        byte[] payload = Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), 36);
        byte[] bytes = new byte[72];
        System.arraycopy(payload, 0, bytes, 36, 36);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void anAnonymousPostWithAForgedCsrfTokenWritesOneJsonLineWithoutTheToken() throws Exception {
        String forged = "\n... INFO audit : user=\"admin\" OK";
        Audit.ANONYMOUS.reset();
        try (AuditLines audit = new AuditLines()) {
            mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(PLAN)
                            .header("X-CSRF-TOKEN", tokenDecodingTo(forged)))
                    .andExpect(status().isForbidden());

            List<JsonNode> lines = audit.objects();
            assertThat(lines).isNotEmpty().allSatisfy(line -> {
                assertThat(line.get("event").asString()).startsWith("request.refused");
            });
            assertThat(lines.get(lines.size() - 1).get("message").asString()).isEqualTo("csrf token missing or invalid");
            assertThat(audit.lines()).noneMatch(l -> l.contains("admin") || l.contains("INFO audit"));

            for (int i = 0; i < 1000; i++) {
                mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(PLAN)
                        .header("X-CSRF-TOKEN", tokenDecodingTo(forged + i)));
            }
            assertThat(audit.objects()).as("a flood of anonymous refusals is rate-limited").hasSizeLessThanOrEqualTo(22);
        }
    }
}
