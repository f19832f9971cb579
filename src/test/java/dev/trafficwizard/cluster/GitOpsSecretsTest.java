package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** #18 git: the GitOps credentials are read from a Secret of the dashboard's own namespace. */
@EnableKubernetesMockClient(crud = true)
class GitOpsSecretsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void theSecretsEntriesAreDecoded() {
        client.resource(new SecretBuilder().withNewMetadata().withName("routing-git")
                .withNamespace(client.getNamespace()).endMetadata()
                .withData(Map.of("username", b64("bot"), "token", b64("ghp_x\n"))).build()).create();

        assertThat(new GitOpsSecrets(client).read("routing-git"))
                .contains(Map.of("username", "bot", "token", "ghp_x"));
        assertThat(new GitOpsSecrets(client).read("absent")).isEmpty();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
