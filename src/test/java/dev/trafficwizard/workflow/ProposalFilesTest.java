package dev.trafficwizard.workflow;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** #18 git: an object as a proposal's file holds it, kubectl style, without what the API server adds. */
class ProposalFilesTest {

    @Test
    void aLiveObjectBecomesTheFileAPersonWouldWrite() {
        VirtualService live = new VirtualServiceBuilder().withNewMetadata().withName("reviews").withNamespace("bookinfo")
                .withLabels(Map.of("app.kubernetes.io/managed-by", "traffic-wizard"))
                .withAnnotations(Map.of("argocd.argoproj.io/tracking-id", "shop:networking.istio.io/VirtualService:bookinfo/reviews"))
                .withUid("0b9c").withResourceVersion("42").withGeneration(3L).withCreationTimestamp("2026-12-01T10:00:00Z")
                .withManagedFields(List.of(new ManagedFieldsEntry())).endMetadata()
                .withNewSpec().withHosts("reviews").endSpec().build();
        live.setAdditionalProperty("status", Map.of("observedGeneration", 3));

        assertThat(Proposals.fileText(live)).isEqualTo("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: reviews
                  namespace: bookinfo
                  labels:
                    app.kubernetes.io/managed-by: traffic-wizard
                  annotations:
                    argocd.argoproj.io/tracking-id: shop:networking.istio.io/VirtualService:bookinfo/reviews
                spec:
                  hosts:
                  - reviews
                """);
        assertThat(Proposals.fileName(live)).isEqualTo("virtualservice-reviews.yaml");
    }

    @Test
    void anIstioGatewayAndAGatewayApiGatewayOfOneNameGetTheirGroupAndADeletionNeverWipesAWrite() {
        var istio = new io.fabric8.istio.api.networking.v1.GatewayBuilder().withNewMetadata().withName("public")
                .withNamespace("shop").endMetadata().build();
        var gatewayApi = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("gateway.networking.k8s.io/v1").withKind("Gateway").withNewMetadata().withName("public")
                .withNamespace("shop").endMetadata().build();
        var vs = new VirtualServiceBuilder().withNewMetadata().withName("reviews").withNamespace("shop").endMetadata()
                .build();

        List<dev.trafficwizard.gitops.ProposalFile> files = Proposals.proposalFiles(List.of(
                new dev.trafficwizard.cluster.RoutingApplier.Write(gatewayApi, null),
                new dev.trafficwizard.cluster.RoutingApplier.Write(vs, null),
                new dev.trafficwizard.cluster.RoutingApplier.Write(null, istio),
                new dev.trafficwizard.cluster.RoutingApplier.Write(null, vs)));

        assertThat(files).extracting(f -> f.path() + (f.deletes() ? " deleted" : " written")).containsExactly(
                "gateway.networking.k8s.io-gateway-public.yaml written", "virtualservice-reviews.yaml written",
                "networking.istio.io-gateway-public.yaml deleted");
    }
}
