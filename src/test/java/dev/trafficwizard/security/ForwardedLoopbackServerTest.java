package dev.trafficwizard.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of issue #12, item 3, on the real Tomcat (forward-headers-strategy=native trusts
 * X-Forwarded-For from private addresses, loopback among them): a client cannot escape the
 * per-address count by naming loopback in X-Forwarded-For; a direct loopback client (a sidecar)
 * still is not counted as one address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class ForwardedLoopbackServerTest {

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void forget() {
        throttle.forgetAll();
    }

    int guess(String user, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/services"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":wrong").getBytes()));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void xForwardedForLoopbackIsCountedAsAnAddress() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS + 1; i++) {
            assertThat(guess("sprayed" + i, "127.0.0.1")).isEqualTo(401);
        }
        assertThat(guess("one-more", "127.0.0.1")).isEqualTo(429);
    }

    @Test
    void aDirectLoopbackClientIsCountedByUserNameOnly() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS + 5; i++) {
            assertThat(guess("sidecar" + i, null)).isEqualTo(401);
        }
    }
}
