package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.gatewayapi.GatewayApiModelPropertyTest.REVIEWS;
import static org.assertj.core.api.Assertions.assertThat;

class BackendHostsTest {

    private static Service service(String namespace, String name, Map<String, String> labels, Map<String, String> selector) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .endMetadata().withNewSpec().withSelector(selector).endSpec().build();
    }

    private static HTTPBackendRef ref(String namespace, String name) {
        HTTPBackendRef ref = new HTTPBackendRef();
        ref.setNamespace(namespace);
        ref.setName(name);
        return ref;
    }

    @Test
    void aVersionServiceIsFoundByItsLabelOrByItsName() {
        BackendHosts hosts = new BackendHosts(REVIEWS, List.of(
                service("shop", "reviews-stable", Map.of(BackendHosts.VERSION_OF, "reviews"), Map.of("version", "v1")),
                service("shop", "reviews-v2", Map.of(), Map.of("app", "reviews")),
                service("other", "reviews-v3", Map.of(), Map.of("version", "v3")),
                service("shop", "ratings-v1", Map.of(BackendHosts.VERSION_OF, "ratings"), Map.of("version", "v1"))));
        assertThat(hosts.versions()).containsExactly("v1", "v2");
        assertThat(hosts.of(ref(null, "reviews-stable"), "shop")).isEqualTo(new BackendHosts.Host(REVIEWS.fqdn(), "v1"));
        assertThat(hosts.of(ref(null, "reviews-v2"), "shop")).isEqualTo(new BackendHosts.Host(REVIEWS.fqdn(), "v2"));
        assertThat(hosts.of(ref(null, "reviews"), "shop")).isEqualTo(new BackendHosts.Host(REVIEWS.fqdn(), null));
        assertThat(hosts.of(ref("other", "reviews-v3"), "shop"))
                .isEqualTo(new BackendHosts.Host("reviews-v3.other.svc.cluster.local", null));
        assertThat(hosts.of(ref(null, "ratings-v1"), "shop"))
                .isEqualTo(new BackendHosts.Host("ratings-v1.shop.svc.cluster.local", null));
        assertThat(hosts.of(ref(null, "reviews-v2"), "web")).as("a route in another namespace means web/reviews-v2")
                .isEqualTo(new BackendHosts.Host("reviews-v2.web.svc.cluster.local", null));
    }
}
