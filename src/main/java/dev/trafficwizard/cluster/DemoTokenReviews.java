package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo API server's CRUD store, plus what the CRUD mock lacks: it answers a TokenReview by
 * looking the token up in the stored Secrets of type {@code kubernetes.io/service-account-token}
 * (the CRUD mock alone would store the review as sent, without a status). The demo token is valid
 * for any audience: requested {@code spec.audiences} come back in {@code status.audiences}.
 */
public class DemoTokenReviews extends KubernetesCrudDispatcher {

    static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        if (!request.getPath().startsWith(PATH)) {
            return super.handleCreate(request);
        }
        TokenReview review = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
        String token = review.getSpec() == null ? null : review.getSpec().getToken();
        Optional<Secret> secret = token == null ? Optional.empty() : secretHolding(token);
        TokenReviewBuilder answer = new TokenReviewBuilder(review).withNewStatus().withAuthenticated(secret.isPresent())
                .endStatus();
        secret.ifPresent(s -> {
            String ns = s.getMetadata().getNamespace();
            String sa = s.getMetadata().getAnnotations().get("kubernetes.io/service-account.name");
            answer.editStatus().withNewUser().withUsername("system:serviceaccount:" + ns + ":" + sa)
                    .withGroups("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated")
                    .endUser().endStatus();
            // like a real API server for a token minted for the requested audiences: it echoes them
            List<String> audiences = review.getSpec().getAudiences();
            if (audiences != null && !audiences.isEmpty()) {
                answer.editStatus().withAudiences(audiences).endStatus();
            }
        });
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(answer.build()));
    }

    private Optional<Secret> secretHolding(String token) {
        MockResponse all = handleGet("/api/v1/secrets");
        if (all.code() != 200) {
            return Optional.empty();
        }
        SecretList secrets = Serialization.unmarshal(all.getBody().readUtf8(), SecretList.class);
        return secrets.getItems().stream()
                .filter(s -> "kubernetes.io/service-account-token".equals(s.getType()))
                .filter(s -> s.getMetadata().getAnnotations() != null)
                .filter(s -> token.equals(decoded(s.getData())))
                .findFirst();
    }

    private static String decoded(Map<String, String> data) {
        String value = data == null ? null : data.get("token");
        return value == null ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
