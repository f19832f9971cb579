package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection order: in-cluster, kubeconfig (current or configured context), demo. */
@EnableKubernetesMockClient(crud = true)
class ClusterConnectionTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    Path kubeconfig() throws IOException {
        String url = client.getConfiguration().getMasterUrl();
        Path file = dir.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: staging
                clusters:
                - name: staging
                  cluster: {server: "%1$s", insecure-skip-tls-verify: true}
                - name: prod
                  cluster: {server: "%1$s", insecure-skip-tls-verify: true}
                contexts:
                - name: staging
                  context: {cluster: staging, user: dev, namespace: default}
                - name: prod
                  context: {cluster: prod, user: dev, namespace: default}
                users:
                - name: dev
                  user: {token: abc}
                """.formatted(url));
        return file;
    }

    ClusterProperties properties(ClusterProperties.Mode mode, Path kubeconfig, String context) {
        return new ClusterProperties(mode, kubeconfig == null ? null : kubeconfig.toString(), context, 0, 0);
    }

    @Test
    void autoUsesTheKubeconfigWhenThereIsOneAndItsCurrentContext() throws IOException {
        ClusterProperties properties = properties(ClusterProperties.Mode.AUTO, kubeconfig(), null);
        assertThat(ClusterConnection.resolveMode(properties)).isEqualTo(ClusterProperties.Mode.KUBECONFIG);

        ClusterConnection connection = new ClusterConnection();
        try (DemoCluster demo = connection.demoCluster(properties)) {
            ClusterInfo info = connection.clusterInfo(properties, demo);
            assertThat(info.demo()).isFalse();
            assertThat(info.context()).isEqualTo("staging");
            assertThat(info.describe()).contains("kubeconfig context 'staging'");
            try (KubernetesClient fromKubeconfig = connection.kubernetesClient(properties, info, demo)) {
                assertThat(fromKubeconfig.getConfiguration().getMasterUrl())
                        .startsWith(client.getConfiguration().getMasterUrl());
                assertThat(fromKubeconfig.services().inAnyNamespace().list().getItems()).isEmpty();
            }
        }
    }

    @Test
    void aConfiguredContextWins() throws IOException {
        ClusterProperties properties = properties(ClusterProperties.Mode.KUBECONFIG, kubeconfig(), "prod");
        ClusterConnection connection = new ClusterConnection();
        try (DemoCluster demo = connection.demoCluster(properties)) {
            assertThat(connection.clusterInfo(properties, demo).context()).isEqualTo("prod");
        }
    }

    @Test
    void autoFallsBackToTheDemoClusterWithoutKubeconfig() {
        ClusterProperties properties = properties(ClusterProperties.Mode.AUTO, dir.resolve("missing"), null);
        assertThat(ClusterConnection.resolveMode(properties)).isEqualTo(ClusterProperties.Mode.DEMO);
        ClusterConnection connection = new ClusterConnection();
        try (DemoCluster demo = connection.demoCluster(properties)) {
            ClusterInfo info = connection.clusterInfo(properties, demo);
            assertThat(info.demo()).isTrue();
            assertThat(info.server()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void forcingKubeconfigModeWithoutAFileFailsClearly() {
        ClusterProperties properties = properties(ClusterProperties.Mode.KUBECONFIG, dir.resolve("missing"), null);
        ClusterConnection connection = new ClusterConnection();
        try (DemoCluster demo = connection.demoCluster(properties)) {
            assertThatThrownBy(() -> connection.clusterInfo(properties, demo))
                    .hasMessageContaining("no kubeconfig at");
        }
    }
}
