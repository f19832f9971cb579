package dev.trafficwizard.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit lines are JSON objects, one per line, without request-supplied tokens; anonymous floods are bounded. */
class AuditTest {

    static final String FORGED = "x\n2026-01-01T00:00:00Z INFO audit : user=\"admin\" OK";

    AuditLines audit;
    ForbiddenHandler handler;

    @BeforeEach
    void setUp() {
        Audit.ANONYMOUS.reset();
        audit = new AuditLines();
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("security.forbidden", Locale.ENGLISH, "Forbidden");
        handler = new ForbiddenHandler(messages);
    }

    @AfterEach
    void tearDown() {
        audit.close();
        SecurityContextHolder.clearContext();
    }

    void refuse(AccessDeniedException denied) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/routing/apply");
        handler.handle(request, new MockHttpServletResponse(), denied);
    }

    @Test
    void aRefusedCsrfTokenIsAuditedWithAFixedReasonNeverWithThePresentedToken() throws Exception {
        refuse(new InvalidCsrfTokenException(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "expected"), FORGED));

        List<JsonNode> lines = audit.objects();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("event").asString()).isEqualTo("request.refused");
            assertThat(line.get("user").asString()).isEqualTo("-");
            assertThat(line.get("message").asString()).isEqualTo("csrf token missing or invalid");
            assertThat(line.get("client").asString()).isEqualTo("127.0.0.1");
        });
        assertThat(audit.lines()).noneMatch(l -> l.contains("admin") || l.contains("expected"));
    }

    @Test
    void otherRefusalsSayForbiddenNotTheExceptionsMessage() throws Exception {
        refuse(new AccessDeniedException(FORGED));

        assertThat(audit.objects()).singleElement()
                .satisfies(line -> assertThat(line.get("message").asString()).isEqualTo("forbidden"));
        assertThat(audit.lines()).noneMatch(l -> l.contains("admin"));
    }

    @Test
    void everyValueIsEscapedSoNoLineCanBeForged() {
        Audit.writeAttempt("al\nice\u2028", FORGED, "ns\r", "svc\u0085", "conflict", List.of("a\nb"), FORGED);

        List<JsonNode> lines = audit.objects();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("event").asString()).isEqualTo("routing.write");
            assertThat(line.get("user").asString()).isEqualTo("al\nice\u2028");
            assertThat(line.get("message").asString()).isEqualTo(FORGED);
            assertThat(line.get("objects").get(0).asString()).isEqualTo("a\nb");
        });
    }

    @Test
    void aFloodOfAnonymousRefusalsWritesABoundedNumberOfLines() throws Exception {
        for (int i = 0; i < 1000; i++) {
            refuse(new InvalidCsrfTokenException(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t"), FORGED));
        }
        assertThat(audit.objects()).hasSizeLessThanOrEqualTo(21);
        Audit.flushSuppressed();
        List<JsonNode> lines = audit.objects();
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("message").asString()).matches("suppressed \\d+ anonymous refusals");
        long written = lines.stream().filter(l -> l.get("event").asString().equals("request.refused")).count();
        long counted = lines.stream().filter(l -> l.has("count")).mapToLong(l -> l.get("count").asLong()).sum();
        assertThat(written + counted).as("every refusal is written or counted").isEqualTo(1000);
    }

    @Test
    void theLimitOpensAgainInTheNextWindowWithOneSummaryLine() {
        AtomicLong now = new AtomicLong(0);
        AnonymousRefusals limit = new AnonymousRefusals(2, 60_000, now::get);
        assertThat(limit.admit()).isZero();
        assertThat(limit.admit()).isZero();
        assertThat(limit.admit()).isEqualTo(-1);
        assertThat(limit.admit()).isEqualTo(-1);
        now.set(60_000);
        assertThat(limit.admit()).as("the next window's first line sums up the two left out").isEqualTo(2);
        assertThat(limit.admit()).isZero();
        assertThat(limit.admit()).isEqualTo(-1);
    }
}
