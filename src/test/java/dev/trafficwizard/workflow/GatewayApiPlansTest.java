package dev.trafficwizard.workflow;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayApiPlansTest {

    @Test
    void versionServicesTakeOnlyTheServicesPortIdentityNeverItsNodePort() {
        Service nodePort = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withType("NodePort").addNewPort().withName("http").withPort(80)
                .withTargetPort(new IntOrString(8080)).withNodePort(30080).withProtocol("TCP").withAppProtocol("http")
                .endPort().endSpec().build();
        var ports = GatewayApiPlans.ports(nodePort);
        assertThat(ports).singleElement().satisfies(p -> {
            assertThat(p.getNodePort()).isNull();
            assertThat(p.getPort()).isEqualTo(80);
            assertThat(p.getTargetPort().getIntVal()).isEqualTo(8080);
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getAppProtocol()).isEqualTo("http");
        });
        assertThat(ports.get(0)).as("a copy, not the cached object").isNotSameAs(nodePort.getSpec().getPorts().get(0));
    }
}
