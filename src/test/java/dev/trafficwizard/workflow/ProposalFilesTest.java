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
}
