package dev.trafficwizard.web;

import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body limit on the real server (Tomcat), as a pipeline meets it: a declared length over the
 * limit and a chunked body over it both get 413 with the BODY_TOO_LARGE diagnostic at body; a
 * small chunked plan still previews.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class BodySizeLimitServerTest {

    static final String PLAN = "{\"namespace\":\"default\",\"service\":\"fleetman-staff-service\",\"rules\":[{\"route\":"
            + "[{\"version\":\"safe\",\"weight\":90},{\"version\":\"risky\",\"weight\":10}]}]";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> preview(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/routing/preview"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("viewer:viewer".getBytes()))
                .POST(body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static byte[] padded(int bytes) {
        return (PLAN + ",\"padding\":\"" + "x".repeat(bytes) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = preview(HttpRequest.BodyPublishers.ofByteArray(padded(300 * 1024)));
        System.out.println("300 KiB with Content-Length answered in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"BODY_TOO_LARGE\"", "\"path\":\"body\"");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = preview(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(padded(300 * 1024))));
        System.out.println("300 KiB chunked answered in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"BODY_TOO_LARGE\"", "\"path\":\"body\"");
    }

    /**
     * Nothing reads a body before the limit does: Spring's FormContentFilter (order -9900, before
     * the limit and before security) would read a PUT/PATCH/DELETE form body of any size into one
     * String, and multipart parsing (for the CSRF check's getParameter) would take uploads the
     * capped stream never sees. No endpoint takes either, so both are off.
     */
    @Test
    void noFilterReadsABodyBeforeTheLimit() {
        assertThat(context.getBeanProvider(FormContentFilter.class).stream()).isEmpty();
        assertThat(context.getBeanProvider(MultipartConfigElement.class).stream()).isEmpty();
        assertThat(context.getBeanProvider(MultipartResolver.class).stream()).isEmpty();
    }

    @Test
    void aSmallChunkedPlanStillPreviews() throws Exception {
        HttpResponse<String> answer = preview(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream((PLAN + "}").getBytes(StandardCharsets.UTF_8))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
