package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.RequestSimulator;
import dev.trafficwizard.istio.Resolution;
import dev.trafficwizard.istio.SimulatedRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.gatewayapi.GatewayApiModelPropertyTest.REVIEWS;
import static dev.trafficwizard.gatewayapi.GatewayApiModelPropertyTest.VERSIONS;
import static dev.trafficwizard.gatewayapi.Routes.prefix;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTPRoutes attached to a Gateway API Gateway, through the routing model's simulator. */
class GatewayApiModelGatewayTest {

    private static final Gateway TWO_LISTENERS = new GatewayBuilder()
            .withNewMetadata().withNamespace("shop").withName("web").endMetadata()
            .withNewSpec().withGatewayClassName("istio")
            .addNewListener().withName("http").withPort(80).withProtocol("HTTP").withHostname("*.example.com")
            .withNewAllowedRoutes().withNewNamespaces().withFrom("All").endNamespaces().endAllowedRoutes().endListener()
            .addNewListener().withName("https").withPort(443).withProtocol("HTTPS").withHostname("secure.example.com")
            .withNewTls().withMode("Terminate").addNewCertificateRef().withName("secure-cert").endCertificateRef()
            .endTls().endListener()
            .endSpec().build();

    private static HTTPRoute route(String namespace, String name, List<String> hostnames, String version,
                                   ParentReference parent) {
        HTTPRouteRule rule = Routes.rule("reviews-" + version, prefix("/"));
        HTTPRoute route = Routes.route(namespace, name, "2026-01-01T00:00:00Z", hostnames, rule);
        route.getSpec().setParentRefs(List.of(parent));
        return route;
    }

    private static Resolution get(List<HTTPRoute> routes, String host) {
        IstioEquivalent istio = GatewayApiModel.toIstio(routes, VERSIONS, List.of(TWO_LISTENERS), REVIEWS);
        return RequestSimulator.simulate(SimulatedRequest.fromOutside(host, "/"), istio.virtualServices(),
                istio.destinationRules(), istio.gateways(), REVIEWS, null);
    }

    @Test
    void theMostSpecificHostnameWinsAndDoesNotFallBackAsIstioBuildsOneVirtualHostPerHostname() {
        ParentReference parent = GatewayApiFixtures.gatewayParent("shop", "web");
        HTTPRoute wildcard = route("shop", "a-wild", List.of("*.example.com"), "v1", parent);
        HTTPRoute exact = route("shop", "b-exact", List.of("shop.example.com"), "v2", parent);
        exact.getSpec().getRules().get(0).setMatches(List.of(prefix("/only")));
        assertThat(get(List.of(wildcard, exact), "a.example.com").percentByVersion()).isEqualTo(Map.of("v1", 100));
        Resolution shop = get(List.of(wildcard, exact), "shop.example.com");
        assertThat(shop.outcome()).as("shop.example.com/ goes to the exact hostname's routes only: 404")
                .isEqualTo(Resolution.Outcome.NOT_FOUND);
        assertThat(shop.virtualService()).isEqualTo("shop/b-exact");
    }

    @Test
    void aSectionNameAttachesToThatListenerOnlyAndAnHttpsListenerTerminatesWithItsCertificate() {
        ParentReference https = GatewayApiFixtures.gatewayParent("shop", "web");
        https.setSectionName("https");
        IstioEquivalent istio = GatewayApiModel.toIstio(List.of(route("shop", "secure", List.of(), "v2", https)),
                VERSIONS, List.of(TWO_LISTENERS), REVIEWS);
        assertThat(istio.virtualServices()).singleElement()
                .satisfies(vs -> assertThat(vs.getSpec().getHosts()).containsExactly("secure.example.com"));
        var server = istio.gateways().get(0).getSpec().getServers().get(1);
        assertThat(server.getHosts()).containsExactly("*/secure.example.com");
        assertThat(server.getTls().getMode()).isEqualTo(ServerTLSSettingsTLSmode.SIMPLE);
        assertThat(server.getTls().getCredentialName()).isEqualTo("secure-cert");
    }

    @Test
    void allowedRoutesDecideWhichNamespacesAttach() {
        ParentReference parent = GatewayApiFixtures.gatewayParent("shop", "web");
        HTTPRoute elsewhere = route("web", "elsewhere", List.of(), "v1", parent);
        IstioEquivalent istio = GatewayApiModel.toIstio(List.of(elsewhere), VERSIONS, List.of(TWO_LISTENERS), REVIEWS);
        assertThat(istio.virtualServices()).as("the http listener admits All namespaces, the https one the Same")
                .singleElement().satisfies(vs -> assertThat(vs.getSpec().getHosts()).containsExactly("*.example.com"));
        assertThat(get(List.of(elsewhere), "x.example.com").shares()).extracting(Resolution.Share::host)
                .as("a backendRef without namespace is in the route's namespace").containsExactly(
                        "reviews-v1.web.svc.cluster.local");
    }
}
