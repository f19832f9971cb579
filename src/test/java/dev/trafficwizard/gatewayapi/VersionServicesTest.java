package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.gatewayapi.GatewayApiPlans.STAFF;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.ports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionServicesTest {

    @Test
    void eachVersionGetsAManagedServiceWithTheServicesPortsAndSelectorPlusTheVersionLabel() {
        Service safe = VersionServices.build(STAFF, "safe", Map.of("app", "staff", "tier", "back"), ports(8080));
        assertThat(safe.getMetadata().getName()).isEqualTo("fleetman-staff-service-safe");
        assertThat(safe.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(Managed.isManaged(safe)).isTrue();
        assertThat(safe.getSpec().getSelector()).containsExactlyInAnyOrderEntriesOf(
                Map.of("app", "staff", "tier", "back", "version", "safe"));
        assertThat(safe.getSpec().getPorts()).isEqualTo(ports(8080));
    }

    @Test
    void aNameOfSixtyThreeCharactersIsAccepted() {
        String service = "s".repeat(56);
        assertThat(VersionServices.name(service, "stable")).hasSize(63);
    }

    @Test
    void aNameLongerThanSixtyThreeCharactersIsRefusedWithTheNameAndItsLength() {
        String service = "s".repeat(57);
        assertThatThrownBy(() -> VersionServices.name(service, "stable"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(service + "-stable").hasMessageContaining("at most 63").hasMessageContaining("64");
    }

    @Test
    void aVersionThatIsNoDnsLabelIsRefused() {
        assertThatThrownBy(() -> VersionServices.name("staff", "V1.2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("staff-V1.2");
        TargetService semver = new TargetService("default", "staff", "version", List.of());
        assertThatThrownBy(() -> VersionServices.build(semver, "1.2", Map.of(), ports(80)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
