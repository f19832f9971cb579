package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;

import java.util.Map;

/** Version Services, Gateways and parentRefs for the model tests. */
final class GatewayApiFixtures {

    private GatewayApiFixtures() {
    }

    static Service versionService(String name, String version) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("shop")
                .withLabels(Map.of(BackendHosts.VERSION_OF, "reviews")).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "reviews", "version", version)).endSpec().build();
    }

    static Gateway gateway(String namespace, String name, String hostname, String from) {
        return new GatewayBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withGatewayClassName("istio")
                .addNewListener().withName("http").withPort(80).withProtocol("HTTP").withHostname(hostname)
                .withNewAllowedRoutes().withNewNamespaces().withFrom(from).endNamespaces().endAllowedRoutes()
                .endListener().endSpec().build();
    }

    static ParentReference gatewayParent(String namespace, String name) {
        ParentReference parent = new ParentReference();
        parent.setName(name);
        parent.setNamespace(namespace);
        return parent;
    }

}
