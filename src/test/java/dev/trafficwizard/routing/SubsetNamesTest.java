package dev.trafficwizard.routing;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubsetNamesTest {

    @Test
    void plainNamesWhenNothingCollides() {
        assertThat(SubsetNames.of(List.of("v1", "V2", "1.2.0"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("v1", "v1", "V2", "v2", "1.2.0", "1-2-0"));
    }

    @Test
    void versionsDifferingInCaseOrDotsGetDistinctNames() {
        Map<String, String> names = SubsetNames.of(List.of("V2", "v2", "v1.0", "v1-0", "v1_0"));
        assertThat(names).containsEntry("v2", "v2").containsEntry("v1-0", "v1-0");
        assertThat(names.get("V2")).startsWith("v2-").hasSize(11);
        assertThat(names.get("v1.0")).startsWith("v1-0-");
        assertThat(new HashSet<>(names.values())).hasSize(5);
        names.values().forEach(n -> assertThat(Names.isDnsLabel(n)).as(n).isTrue());
    }

    @Test
    void namesDoNotDependOnOrder() {
        assertThat(SubsetNames.of(List.of("V2", "v2", "V.2"))).isEqualTo(SubsetNames.of(List.of("V.2", "v2", "V2")));
    }

    @Test
    void longVersionsStayDnsLabels() {
        String a = "A".repeat(70);
        String b = "a".repeat(70);
        Map<String, String> names = SubsetNames.of(List.of(a, b));
        assertThat(names.get(a)).isNotEqualTo(names.get(b));
        names.values().forEach(n -> assertThat(Names.isDnsLabel(n)).as(n).isTrue());
    }
}
