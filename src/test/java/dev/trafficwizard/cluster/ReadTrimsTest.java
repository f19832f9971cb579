package dev.trafficwizard.cluster;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's client ({@link ReadTrims}) skips managed fields, pod template specs and a
 * Deployment's annotations while parsing, and still writes every field. {@code client} (injected by
 * the extension) is a plain fabric8 client: it shows what the server holds.
 */
@EnableKubernetesMockClient(crud = true)
class ReadTrimsTest {

    static final String NS = "shop";
    static final String LAST_APPLIED = "{\"apiVersion\":\"v1\",\"kind\":\"X\",\"padding\":\"" + "x".repeat(4096) + "\"}";

    KubernetesMockServer server;
    KubernetesClient client;
    KubernetesClient dashboard;

    @BeforeEach
    void setUp() {
        dashboard = ReadTrims.client(client.getConfiguration());
    }

    @AfterEach
    void tearDown() {
        dashboard.close();
    }

    @Test
    void aDeploymentWrittenThroughTheDashboardsClientKeepsEveryFieldAndIsReadWithoutTheUnusedOnes() {
        dashboard.resource(new DeploymentBuilder()
                .withNewMetadata().withName("cart").withNamespace(NS).withLabels(Map.of("app", "cart"))
                .withAnnotations(Map.of(Trim.LAST_APPLIED, LAST_APPLIED, "team", "checkout"))
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build())
                .endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().withMatchLabels(Map.of("app", "cart")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "cart", "version", "v2"))
                .withAnnotations(Map.of("sidecar.istio.io/inject", "true")).endMetadata()
                .withNewSpec().addNewContainer().withName("cart").withImage("shop/cart:2").addNewEnv()
                .withName("MODE").withValue("live").endEnv().endContainer().endSpec()
                .endTemplate().endSpec().build()).create();

        Deployment stored = client.apps().deployments().inNamespace(NS).withName("cart").get();
        assertThat(stored.getSpec().getTemplate().getSpec().getContainers()).singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("shop/cart:2"))
                .satisfies(c -> assertThat(c.getEnv()).hasSize(1));
        assertThat(stored.getMetadata().getAnnotations()).containsKeys(Trim.LAST_APPLIED, "team");
        assertThat(stored.getMetadata().getManagedFields()).hasSize(1);
        assertThat(stored.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("sidecar.istio.io/inject");

        Deployment read = dashboard.apps().deployments().inNamespace(NS).withName("cart").get();
        Deployment listed = dashboard.apps().deployments().inAnyNamespace().list().getItems().get(0);
        for (Deployment d : new Deployment[] {read, listed}) {
            assertThat(d.getSpec().getTemplate().getSpec()).isNull();
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
            assertThat(d.getMetadata().getAnnotations()).isNullOrEmpty();
            assertThat(d.getMetadata().getManagedFields()).isNullOrEmpty();
            assertThat(d.getMetadata().getAdditionalProperties()).isEmpty();
            assertThat(d.getSpec().getTemplate().getAdditionalProperties()).isEmpty();
            // what the catalog and the checks read is all there
            assertThat(d.getMetadata().getLabels()).containsEntry("app", "cart");
            assertThat(d.getSpec().getReplicas()).isEqualTo(3);
            assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry("app", "cart");
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("version", "v2");
        }
    }

    @Test
    void aVirtualServiceKeepsItsAnnotationsButNotItsManagedFields() {
        var istio = dashboard.adapt(IstioClient.class).v1();
        istio.virtualServices().resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("cart").withNamespace(NS)
                .withAnnotations(Map.of(Trim.LAST_APPLIED, LAST_APPLIED, "team", "checkout"))
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build())
                .endMetadata()
                .withNewSpec().withHosts("cart").endSpec().build()).create();

        VirtualService stored = client.adapt(IstioClient.class).v1().virtualServices().inNamespace(NS).withName("cart").get();
        assertThat(stored.getMetadata().getManagedFields()).hasSize(1);

        VirtualService read = istio.virtualServices().inNamespace(NS).withName("cart").get();
        assertThat(read.getMetadata().getAnnotations()).containsEntry(Trim.LAST_APPLIED, LAST_APPLIED)
                .containsEntry("team", "checkout");
        assertThat(read.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(read.getMetadata().getAdditionalProperties()).isEmpty();
        assertThat(read.getSpec().getHosts()).containsExactly("cart");
    }
}
