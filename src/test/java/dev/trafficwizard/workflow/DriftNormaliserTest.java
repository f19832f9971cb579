package dev.trafficwizard.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** #18 fix: objects a GitOps tool applied are the same as their file: marks, API version, server defaults ignored. */
class DriftNormaliserTest {

    private static final String VS_FILE = """
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata:
              name: cart
              namespace: shop
            spec:
              hosts:
              - cart
              http:
              - route:
                - destination:
                    host: cart
            """;

    @Test
    void theToolsMarksAreIgnoredAndAV1beta1FileIsReadAsV1() {
        HasMetadata live = Serialization.unmarshal(VS_FILE.replace("v1beta1", "v1").replace("  namespace: shop\n", """
                  namespace: shop
                  labels:
                    kustomize.toolkit.fluxcd.io/name: apps
                    kustomize.toolkit.fluxcd.io/namespace: flux-system
                    helm.toolkit.fluxcd.io/name: shop
                  annotations:
                    argocd.argoproj.io/tracking-id: shop:networking.istio.io/VirtualService:shop/cart
                    kubectl.kubernetes.io/last-applied-configuration: '{"kind":"VirtualService"}'
                """), HasMetadata.class);

        assertThat(Drift.compare(Map.of("vs.yaml", VS_FILE), List.of(live), "shop"))
                .extracting(e -> e.kind() + " " + e.key()).containsExactly("VirtualService same");
    }

    @Test
    void argoCdsInstanceLabelIsIgnoredOnlyWhenItIsArgoCdsMark() {
        HasMetadata live = Serialization.unmarshal(VS_FILE.replace("  namespace: shop\n",
                "  namespace: shop\n  labels:\n    app.kubernetes.io/instance: shop\n"), HasMetadata.class);

        assertThat(Drift.compare(Map.of("vs.yaml", VS_FILE), List.of(live), "shop", "app.kubernetes.io/instance"))
                .extracting(Drift.Entry::key).containsExactly("same");
        assertThat(Drift.compare(Map.of("vs.yaml", VS_FILE), List.of(live), "shop", null))
                .extracting(Drift.Entry::key).containsExactly("differs");
    }

    @Test
    void theServiceDefaultsTheApiServerFillsInAreIgnored() {
        String file = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: cart
                  namespace: shop
                spec:
                  selector:
                    app: cart
                  ports:
                  - name: http
                    port: 8080
                """;
        HasMetadata live = Serialization.unmarshal(file + """
                  clusterIP: 10.0.0.12
                  clusterIPs:
                  - 10.0.0.12
                  ipFamilies:
                  - IPv4
                  ipFamilyPolicy: SingleStack
                  sessionAffinity: None
                  internalTrafficPolicy: Cluster
                """, HasMetadata.class);

        assertThat(Drift.compare(Map.of("svc.yaml", file), List.of(live), "shop")).extracting(Drift.Entry::key)
                .containsExactly("same");
    }

    @Test
    void theHttpRouteDefaultsTheApiServerFillsInAreIgnored() {
        String file = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: cart
                  namespace: shop
                spec:
                  parentRefs:
                  - name: cart
                    port: 8080
                  rules:
                  - backendRefs:
                    - name: cart-v1
                      port: 8080
                """;
        String live = file.replace("  - name: cart\n", "  - group: gateway.networking.k8s.io\n    kind: Gateway\n"
                + "    name: cart\n").replace("    - name: cart-v1\n", "    - group: \"\"\n      kind: Service\n"
                + "      name: cart-v1\n      weight: 1\n");

        assertThat(Drift.compare(Map.of("route.yaml", file), List.of(Serialization.unmarshal(live, HasMetadata.class)),
                "shop")).extracting(Drift.Entry::key).containsExactly("same");
    }

    @Test
    void withAPathTemplateWithoutTheServiceOtherServicesObjectsAreNotOnlyInGit() {
        String other = VS_FILE.replace("name: cart", "name: payments").replace("- cart", "- payments")
                .replace("host: cart", "host: payments");
        HasMetadata live = Serialization.unmarshal(VS_FILE.replace("v1beta1", "v1"), HasMetadata.class);

        assertThat(Drift.compare(Map.of("shop/virtualservice-cart.yaml", VS_FILE,
                        "shop/virtualservice-payments.yaml", other), List.of(live), "shop", "cart", null))
                .extracting(e -> e.name() + " " + e.key()).containsExactly("cart same");
    }
}
