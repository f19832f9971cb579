package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12, finding 4c: the demo API server answers TokenReviews (the plain CRUD mock would store
 * the review without a status) from its seeded ServiceAccount token Secret, through the same
 * {@link TokenReviews} code a real cluster gets.
 */
class DemoTokenReviewsTest {

    @Test
    void theSeededPipelineTokenIsItsServiceAccountAndOtherTokensAreNot() {
        try (DemoCluster demo = new DemoCluster(true);
             KubernetesClient client = new KubernetesClientBuilder().withConfig(demo.clientConfig()).build()) {
            TokenReviews reviews = new TokenReviews(client);

            TokenReviews.Result pipeline = reviews.review(demo.pipelineToken());
            assertThat(pipeline.authenticated()).isTrue();
            assertThat(pipeline.username()).isEqualTo("system:serviceaccount:default:ci-pipeline");
            assertThat(pipeline.groups()).contains("system:serviceaccounts:default");

            assertThat(reviews.review("not-" + demo.pipelineToken()).authenticated()).isFalse();
            assertThat(demo.pipelineToken()).hasSizeGreaterThanOrEqualTo(40);
            TokenReviews forUs = new TokenReviews(client, java.util.List.of("traffic-wizard"));
            assertThat(forUs.review(demo.pipelineToken()).authenticated()).as("audiences echoed").isTrue();
            assertThat(forUs.review("not-" + demo.pipelineToken()).authenticated()).isFalse();
            assertThat(new DemoCluster(false).pipelineToken()).isNull();
            assertThat(client.serviceAccounts().inNamespace("default").withName("ci-pipeline").get()).isNotNull();
            assertThat(client.secrets().inNamespace("default").withName("ci-pipeline-token").get().getType())
                    .isEqualTo("kubernetes.io/service-account-token");
        }
    }
}
