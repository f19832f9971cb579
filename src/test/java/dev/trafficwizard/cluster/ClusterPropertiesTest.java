package dev.trafficwizard.cluster;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The impersonation settings and the list page size as bound from application properties. */
class ClusterPropertiesTest {

    static ClusterProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("traffic-wizard.cluster", ClusterProperties.class);
    }

    @Test
    void impersonationIsOffByDefault() {
        ClusterProperties properties = bind(Map.of("traffic-wizard.cluster.mode", "demo"));

        assertThat(properties.impersonation().enabled()).isFalse();
        assertThat(properties.impersonation().groupsFor(List.of("OPERATOR"))).containsExactly("traffic-wizard:operator");
    }

    @Test
    void rolesBecomeGroupsPlusTheFixedOnesUnlessTurnedOff() {
        ClusterProperties properties = bind(Map.of("traffic-wizard.cluster.impersonation.enabled", "true",
                "traffic-wizard.cluster.impersonation.groups", "platform, sre"));
        assertThat(properties.impersonation().enabled()).isTrue();
        assertThat(properties.impersonation().groupsFor(List.of("VIEWER", "OPERATOR")))
                .containsExactly("traffic-wizard:viewer", "traffic-wizard:operator", "platform", "sre");

        ClusterProperties fixedOnly = bind(Map.of("traffic-wizard.cluster.impersonation.enabled", "true",
                "traffic-wizard.cluster.impersonation.groups-from-roles", "false",
                "traffic-wizard.cluster.impersonation.groups", "platform"));
        assertThat(fixedOnly.impersonation().groupsFor(List.of("ADMIN"))).containsExactly("platform");
    }

    @Test
    void listsArePagedBy500UnlessSetOtherwise() {
        assertThat(bind(Map.of("traffic-wizard.cluster.mode", "demo")).listPageSize()).isEqualTo(500);
        assertThat(bind(Map.of("traffic-wizard.cluster.list-page-size", "0")).listPageSize()).isEqualTo(500);
        assertThat(bind(Map.of("traffic-wizard.cluster.list-page-size", "-3")).listPageSize()).isEqualTo(500);
        assertThat(bind(Map.of("traffic-wizard.cluster.list-page-size", "2000")).listPageSize()).isEqualTo(2000);
    }
}
