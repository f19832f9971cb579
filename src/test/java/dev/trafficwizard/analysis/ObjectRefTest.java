package dev.trafficwizard.analysis;

import dev.trafficwizard.istio.YamlLines;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Istio's Gateway and the Gateway API's never share a key, and a qualified key still finds its YAML. */
class ObjectRefTest {

    private static final String BOTH = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: web, namespace: shop}
            spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: shop}
            spec:
              gatewayClassName: istio
              listeners:
              - {name: http, port: 80, protocol: HTTP}
              - {name: https, port: 443, protocol: HTTPS}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: shop}
            spec: {parentRefs: [{name: web}]}
            """;

    @Test
    void theGatewayApisKindsAreQualifiedByTheirGroup() {
        List<HasMetadata> objects = Meshes.parse(BOTH);
        List<ObjectRef> refs = objects.stream().map(ObjectRef::of).toList();
        assertThat(refs).extracting(ObjectRef::key).containsExactly("Gateway/shop/web",
                "Gateway.gateway.networking.k8s.io/shop/web", "HTTPRoute.gateway.networking.k8s.io/shop/web");
        assertThat(refs).extracting(ObjectRef::plainKind).containsExactly("Gateway", "Gateway", "HTTPRoute");
        assertThat(refs.get(0).group()).isNull();
        assertThat(refs.get(1).group()).isEqualTo("gateway.networking.k8s.io");
        assertThat(ObjectRef.parse(refs.get(1).key())).contains(refs.get(1));
        // one mesh holds both, each under its own key
        ListedSnapshot mesh = ListedSnapshot.of(objects);
        assertThat(mesh.routingObjects()).hasSize(3);
        assertThat(mesh.get(refs.get(1))).containsSame(objects.get(1));
        assertThat(mesh.get(refs.get(0))).containsSame(objects.get(0));
    }

    @Test
    void aQualifiedKindLocatesTheDocumentOfItsGroupOnly() {
        var gatewayApi = YamlLines.locate(BOTH, "Gateway.gateway.networking.k8s.io", "shop", "web", "spec.listeners[1]");
        var istio = YamlLines.locate(BOTH, "Gateway", "shop", "web", "spec.servers[0]");
        assertThat(gatewayApi).map(YamlLines.Range::first).contains(13);
        assertThat(istio).map(YamlLines.Range::first).contains(4);
        assertThat(YamlLines.locate(BOTH, "HTTPRoute.networking.istio.io", "shop", "web", null)).isEmpty();
        // the Gateway API's document first: a plain Gateway is still Istio's
        String reversed = BOTH.substring(BOTH.indexOf("apiVersion: gateway")) + "---\n" + BOTH.substring(0, BOTH.indexOf("---"));
        assertThat(YamlLines.locate(reversed, "Gateway", "shop", "web", null)).map(YamlLines.Range::first).contains(15);
    }
}
