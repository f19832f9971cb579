package dev.trafficwizard.security;

import dev.trafficwizard.cluster.TokenReviews;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #12, finding 4b: bearer tokens verified by TokenReview against a mock API server in
 * expectation mode (as a real one answers), mapped to roles, answers cached.
 */
@EnableKubernetesMockClient(https = false)
class ServiceAccountTokensTest {

    static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

    KubernetesMockServer server;
    KubernetesClient client;

    final LoginThrottleTest.MovableClock clock = new LoginThrottleTest.MovableClock();

    ServiceAccountLogins logins(ServiceAccountProperties.Mapping... mappings) {
        return new ServiceAccountLogins(new TokenReviews(client), List.of(mappings),
                new LoginThrottle(60, 300, clock), clock);
    }

    static TokenReview answer(boolean authenticated, String user, String... groups) {
        TokenReviewBuilder review = new TokenReviewBuilder().withNewStatus().withAuthenticated(authenticated).endStatus();
        if (authenticated) {
            review.editStatus().withNewUser().withUsername(user).withGroups(groups).endUser().endStatus();
        }
        return review.build();
    }

    @Test
    void aVerifiedMappedTokenGetsItsRoleAndNamespacesAndTheAnswerIsCached() throws InterruptedException {
        server.expect().post().withPath(PATH).andReturn(201, answer(true, "system:serviceaccount:ci:deployer",
                "system:serviceaccounts", "system:serviceaccounts:ci")).once();
        ServiceAccountLogins logins = logins(new ServiceAccountProperties.Mapping("ci/deployer", null, Role.OPERATOR,
                List.of("bookinfo", "default")));
        var auth = logins.authenticate("token-1", "10.0.0.1");
        assertThat(auth.getName()).isEqualTo("system:serviceaccount:ci:deployer");
        assertThat(Authorities.reachable(auth.getAuthorities())).extracting(Object::toString)
                .contains("ROLE_OPERATOR", "ROLE_VIEWER", "NAMESPACE_bookinfo", "NAMESPACE_default")
                .doesNotContain("ROLE_ADMIN");
        int requests = server.getRequestCount();
        logins.authenticate("token-1", "10.0.0.1");
        assertThat(server.getRequestCount()).as("cache hit: no second TokenReview").isEqualTo(requests);
        assertThat(server.getLastRequest().getUtf8Body()).contains("token-1");
    }

    @Test
    void aGroupMappingAndTheCacheExpiring() {
        server.expect().post().withPath(PATH).andReturn(201, answer(true, "system:serviceaccount:monitoring:prometheus",
                "system:serviceaccounts:monitoring")).times(2);
        ServiceAccountLogins logins = logins(new ServiceAccountProperties.Mapping(null, "system:serviceaccounts:monitoring",
                Role.VIEWER, null));
        assertThat(logins.authenticate("t", "10.0.0.2").getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_VIEWER");
        int requests = server.getRequestCount();
        clock.advance(ServiceAccountLogins.TTL.plus(Duration.ofSeconds(1)));
        logins.authenticate("t", "10.0.0.2");
        assertThat(server.getRequestCount()).as("asked again after the TTL").isEqualTo(requests + 1);
    }

    @Test
    void anUnauthenticatedReviewIsRefusedAndCachedToo() {
        server.expect().post().withPath(PATH).andReturn(201, answer(false, null)).once();
        ServiceAccountLogins logins = logins(new ServiceAccountProperties.Mapping("ci/deployer", null, Role.OPERATOR, null));
        assertThatThrownBy(() -> logins.authenticate("bad", "10.0.0.3")).isInstanceOf(BadCredentialsException.class);
        int requests = server.getRequestCount();
        assertThatThrownBy(() -> logins.authenticate("bad", "10.0.0.3")).isInstanceOf(BadCredentialsException.class);
        assertThat(server.getRequestCount()).isEqualTo(requests);
    }

    @Test
    void anApiErrorIsUnavailableNeitherCachedNorCountedAndTheTokenIsNotLogged() {
        // missing RBAC
        server.expect().post().withPath(PATH).andReturn(403, "{\"kind\":\"Status\",\"code\":403}").times(31);
        server.expect().post().withPath(PATH).andReturn(201, answer(true, "system:serviceaccount:ci:deployer")).once();
        ServiceAccountLogins logins = logins(new ServiceAccountProperties.Mapping("ci/deployer", null, Role.OPERATOR, null));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TokenReviews.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            for (int i = 0; i < 31; i++) {
                assertThatThrownBy(() -> logins.authenticate("secret-token-value", "10.0.0.4"))
                        .as("outage: 503, not a wrong token").isInstanceOf(ServiceAccountLogins.Unavailable.class);
            }
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).as("the cause once per outage").hasSize(1);
        assertThat(logged.list.get(0).getFormattedMessage()).contains("403").doesNotContain("secret-token-value");
        assertThat(logins.authenticate("secret-token-value", "10.0.0.4").getName())
                .as("not cached, not counted: works once the cluster answers again")
                .isEqualTo("system:serviceaccount:ci:deployer");
    }

    @Test
    void aServerErrorIsUnavailableToo() {
        server.expect().post().withPath(PATH).andReturn(500, "oops").once();
        // as the application configures its client: no retries of its own
        try (KubernetesClient noRetries = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            ServiceAccountLogins logins = new ServiceAccountLogins(new TokenReviews(noRetries), List.of(),
                    new LoginThrottle(60, 300, clock), clock);
            assertThatThrownBy(() -> logins.authenticate("t", "10.0.0.7")).isInstanceOf(ServiceAccountLogins.Unavailable.class);
        }
    }

    @Test
    void refusedReviewsAreLimitedPerSecondOverAllClients() {
        server.expect().post().withPath(PATH).andReturn(201, answer(false, null)).always();
        ServiceAccountLogins logins = logins();
        for (int i = 0; i < ServiceAccountLogins.FAILED_REVIEWS_PER_SECOND; i++) {
            String token = "spray-" + i;
            String address = "198.18.0." + i;
            assertThatThrownBy(() -> logins.authenticate(token, address)).isInstanceOf(BadCredentialsException.class);
        }
        int requests = server.getRequestCount();
        assertThatThrownBy(() -> logins.authenticate("spray-x", "198.18.1.1")).isInstanceOf(LoginThrottledException.class);
        assertThat(server.getRequestCount()).as("the cluster was not asked").isEqualTo(requests);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> logins.authenticate("spray-x", "198.18.1.1")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void configuredAudiencesAreSentAndMustComeBack() throws Exception {
        TokenReview minted = answer(true, "system:serviceaccount:ci:deployer");
        minted.getStatus().setAudiences(List.of("traffic-wizard"));
        server.expect().post().withPath(PATH).andReturn(201, minted).once();
        server.expect().post().withPath(PATH).andReturn(201, answer(true, "system:serviceaccount:ci:deployer")).once();
        ServiceAccountLogins logins = new ServiceAccountLogins(new TokenReviews(client, List.of("traffic-wizard")),
                List.of(new ServiceAccountProperties.Mapping("ci/deployer", null, Role.OPERATOR, null)),
                new LoginThrottle(60, 300, clock), clock);
        assertThat(logins.authenticate("for-us", "10.0.0.6").getName()).isEqualTo("system:serviceaccount:ci:deployer");
        assertThat(server.getLastRequest().getUtf8Body()).contains("\"audiences\":[\"traffic-wizard\"]");
        assertThatThrownBy(() -> logins.authenticate("api-server-audience", "10.0.0.6"))
                .as("an answer without the audience").isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aVerifiedTokenWithoutMappingIsRefusedByName() {
        server.expect().post().withPath(PATH).andReturn(201, answer(true, "system:serviceaccount:x:y")).once();
        ServiceAccountLogins logins = logins(new ServiceAccountProperties.Mapping("ci/deployer", null, Role.OPERATOR, null));
        assertThatThrownBy(() -> logins.authenticate("c", "10.0.0.5"))
                .isInstanceOf(ServiceAccountLogins.NotMapped.class).hasMessageContaining("system:serviceaccount:x:y");
    }

    @Test
    void failedTokensAreThrottledPerAddressWithoutAskingTheCluster() {
        server.expect().post().withPath(PATH).andReturn(201, answer(false, null)).always();
        ServiceAccountLogins logins = logins();
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS + 1; i++) {
            clock.advance(Duration.ofSeconds(1)); // below the global limit of refused reviews a second
            String token = "guess-" + i;
            assertThatThrownBy(() -> logins.authenticate(token, "203.0.113.50")).isInstanceOf(BadCredentialsException.class);
        }
        int requests = server.getRequestCount();
        assertThatThrownBy(() -> logins.authenticate("another", "203.0.113.50")).isInstanceOf(LoginThrottledException.class);
        assertThat(server.getRequestCount()).isEqualTo(requests);
    }
}
