package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the API server who a bearer token belongs to (TokenReview, authentication.k8s.io/v1), for
 * pipelines and Prometheus that call Traffic Wizard with their ServiceAccount token. The service
 * account needs {@code create} on {@code tokenreviews} (system:auth-delegator).
 * <p>
 * With {@code traffic-wizard.security.token-audiences} set, they are sent as {@code spec.audiences}
 * and the answer's {@code status.audiences} must name one of them; empty (the default) means the
 * API server's own audience, which mounted pod tokens carry.
 * <p>
 * A review that could not be made (timeout, 5xx, 403 for missing RBAC) is {@link Outcome#UNAVAILABLE},
 * not a refusal: the caller neither caches nor counts it. Its cause is logged once per outage,
 * without the token.
 */
@Component
public class TokenReviews {

    private static final Logger log = LoggerFactory.getLogger(TokenReviews.class);

    public enum Outcome { AUTHENTICATED, REFUSED, UNAVAILABLE }

    /** The answer, and if authenticated the user name and groups the cluster knows. */
    public record Result(Outcome outcome, String username, List<String> groups, String error) {

        public boolean authenticated() {
            return outcome == Outcome.AUTHENTICATED;
        }

        static Result refused(String error) {
            return new Result(Outcome.REFUSED, null, List.of(), error);
        }
    }

    private final KubernetesClient client;
    private final List<String> audiences;
    private final AtomicBoolean down = new AtomicBoolean();

    public TokenReviews(KubernetesClient client) {
        this(client, List.of());
    }

    @Autowired
    public TokenReviews(KubernetesClient client,
                        @Value("${traffic-wizard.security.token-audiences:}") List<String> audiences) {
        this.client = client;
        this.audiences = audiences == null ? List.of()
                : audiences.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    public List<String> audiences() {
        return audiences;
    }

    public Result review(String token) {
        TokenReview request = new TokenReviewBuilder().withNewSpec().withToken(token).withAudiences(audiences)
                .endSpec().build();
        TokenReview answer;
        try {
            answer = client.authentication().v1().tokenReviews().create(request);
        } catch (RuntimeException e) {
            if (down.compareAndSet(false, true)) {
                log.warn("TokenReview unavailable, bearer tokens are answered 503 until it works again: {}",
                        cause(e, token));
            }
            return new Result(Outcome.UNAVAILABLE, null, List.of(), "TokenReview unavailable");
        }
        if (down.compareAndSet(true, false)) {
            log.info("TokenReview works again");
        }
        TokenReviewStatus status = answer == null ? null : answer.getStatus();
        if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null) {
            return Result.refused(status == null || status.getError() == null ? "token not authenticated"
                    : status.getError());
        }
        if (!audiences.isEmpty() && (status.getAudiences() == null
                || status.getAudiences().stream().noneMatch(audiences::contains))) {
            return Result.refused("token not issued for audiences " + audiences);
        }
        List<String> groups = status.getUser().getGroups() == null ? List.of() : status.getUser().getGroups();
        return new Result(Outcome.AUTHENTICATED, status.getUser().getUsername(), List.copyOf(groups), null);
    }

    /** HTTP code and reason, or the exception's kind; the token never (a message could echo the request). */
    private static String cause(RuntimeException e, String token) {
        String text;
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            text = "HTTP " + k.getCode() + (k.getStatus() == null || k.getStatus().getMessage() == null ? ""
                    : " " + k.getStatus().getMessage());
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        if (k403(e)) {
            text += " (does the service account have create on tokenreviews, e.g. system:auth-delegator?)";
        }
        return token == null || token.isEmpty() ? text : text.replace(token, "***");
    }

    private static boolean k403(RuntimeException e) {
        return e instanceof KubernetesClientException k && k.getCode() == 403;
    }
}
