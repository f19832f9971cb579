package dev.trafficwizard.istio;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import org.junit.jupiter.api.Test;

import static dev.trafficwizard.istio.PasteReaderTest.LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Pasted Gateway API objects: HTTPRoutes, Gateways and ReferenceGrants are read; other Gateway API kinds left out. */
class PasteReaderGatewayApiTest {

    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              parentRefs:
              - {group: "", kind: Service, name: reviews}
              rules:
              - backendRefs:
                - {name: reviews-v1, port: 9080, weight: 90}
                - {name: reviews-v2, port: 9080, weight: 10}
            """;

    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: Gateway
            metadata:
              name: web
              namespace: bookinfo
            spec:
              gatewayClassName: istio
              listeners: [{name: http, port: 80, protocol: HTTP}]
            """;

    private static final String GRANT = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: ReferenceGrant
            metadata: {name: from-shop, namespace: data}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: bookinfo}]
              to: [{group: "", kind: Service}]
            """;

    @Test
    void readsHttpRoutesGatewaysAndReferenceGrantsInV1OrV1beta1() {
        PasteReader.Paste paste = PasteReader.read(ROUTE + "---\n" + GATEWAY + "---\n" + GRANT
                + "---\n" + PasteReaderTest.VS, LIMIT);
        assertThat(paste.problems()).isEmpty();
        assertThat(paste.objects()).extracting(p -> p.object().getClass().getSimpleName())
                .containsExactly("HTTPRoute", "Gateway", "ReferenceGrant", "VirtualService");
        HTTPRoute route = (HTTPRoute) paste.objects().get(0).object();
        assertThat(route.getSpec().getRules().get(0).getBackendRefs()).extracting(b -> b.getName() + "=" + b.getWeight())
                .containsExactly("reviews-v1=90", "reviews-v2=10");
        assertThat(paste.objects().get(0).unknownFields()).isEmpty();
        // v1beta1 is read as the v1 object; a ReferenceGrant becomes the v1beta1 one the model has
        assertThat(paste.objects().get(1).object()).isInstanceOf(Gateway.class);
        assertThat(paste.objects().get(1).object().getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(paste.objects().get(1).line()).isEqualTo(14);
        assertThat(paste.objects().get(2).object()).isInstanceOf(ReferenceGrant.class);
        assertThat(paste.objects().get(2).object().getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1beta1");
    }

    @Test
    void istiosGatewayAndTheGatewayApisOfOneNameAreTwoObjects() {
        String istio = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: web, namespace: bookinfo}
                spec: {selector: {istio: ingressgateway}}
                """;
        PasteReader.Paste paste = PasteReader.read(GATEWAY + "---\n" + istio, LIMIT);
        assertThat(paste.problems()).isEmpty();
        assertThat(paste.objects()).hasSize(2);
        assertThat(PasteReader.read(GATEWAY + "---\n" + GATEWAY.replace("v1beta1", "v1"), LIMIT).problems())
                .singleElement().extracting(PasteReader.Problem::reason).isEqualTo("twice");
    }

    @Test
    void otherGatewayApiKindsAreLeftOutAndOtherVersionsRefused() {
        String grpc = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: g}
                spec: {}
                """;
        PasteReader.Paste paste = PasteReader.read(grpc + "---\n" + ROUTE, LIMIT);
        assertThat(paste.ignored()).containsExactly(new PasteReader.Ignored("GRPCRoute", "default", "g", 1, 1));
        assertThat(paste.objects()).hasSize(1);
        PasteReader.Paste alpha = PasteReader.read(ROUTE.replace("/v1", "/v1alpha2"), LIMIT);
        assertThat(alpha.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("gatewayApiVersion");
            assertThat(p.args()).containsExactly("HTTPRoute", "reviews", "gateway.networking.k8s.io/v1alpha2");
        });
    }

    @Test
    void unknownFieldsOfAnHttpRouteAreFoundAtTheirPath() {
        PasteReader.Paste paste = PasteReader.read(ROUTE.replace("weight: 10}", "weight: 10, wieght: 5}"), LIMIT);
        assertThat(paste.problems()).isEmpty();
        assertThat(paste.objects().get(0).unknownFields()).extracting(Violation::path)
                .containsExactly("spec.rules[0].backendRefs[1].wieght");
        PasteReader.Paste wrongType = PasteReader.read(ROUTE.replace("weight: 90", "weight: lots"), LIMIT);
        assertThat(wrongType.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("value");
            assertThat(p.args().get(0)).isEqualTo("spec.rules[0].backendRefs[0].weight");
        });
    }
}
