package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Asks the API server who a bearer token belongs to (TokenReview, authentication.k8s.io/v1), for
 * pipelines and Prometheus that call Traffic Wizard with their ServiceAccount token. The service
 * account needs {@code create} on {@code tokenreviews} (system:auth-delegator). Any failure to
 * ask is "not authenticated", never an error page.
 */
@Component
public class TokenReviews {

    private static final Logger log = LoggerFactory.getLogger(TokenReviews.class);

    /** The answer: authenticated or not, and if so the user name and groups the cluster knows. */
    public record Result(boolean authenticated, String username, List<String> groups, String error) {

        static Result refused(String error) {
            return new Result(false, null, List.of(), error);
        }
    }

    private final KubernetesClient client;

    public TokenReviews(KubernetesClient client) {
        this.client = client;
    }

    public Result review(String token) {
        TokenReview request = new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build();
        try {
            TokenReview answer = client.authentication().v1().tokenReviews().create(request);
            TokenReviewStatus status = answer == null ? null : answer.getStatus();
            if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null) {
                return Result.refused(status == null || status.getError() == null ? "token not authenticated"
                        : status.getError());
            }
            List<String> groups = status.getUser().getGroups() == null ? List.of() : status.getUser().getGroups();
            return new Result(true, status.getUser().getUsername(), List.copyOf(groups), null);
        } catch (KubernetesClientException e) {
            log.warn("TokenReview failed (HTTP {}): {}; the bearer token is refused", e.getCode(), e.getMessage());
            return Result.refused("TokenReview failed: HTTP " + e.getCode());
        }
    }
}
