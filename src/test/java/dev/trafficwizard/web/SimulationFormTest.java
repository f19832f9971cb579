package dev.trafficwizard.web;

import dev.trafficwizard.istio.SimulatedRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator form's port and caller's labels fields as the request reads them. */
class SimulationFormTest {

    static SimulatedRequest read(String port, String labels) {
        SimulationForm form = new SimulationForm();
        form.setSimPort(port);
        form.setSimSourceLabels(labels);
        return form.toRequest("reviews.bookinfo.svc.cluster.local");
    }

    @Test
    void aPortIsANumberFrom1To65535() {
        assertThat(read(" 9080 ", null).port()).isEqualTo(9080);
        assertThat(read("65535", null).port()).isEqualTo(65535);
        for (String notAPort : new String[] {null, "", " ", "0", "65536", "80a", "-1", "１２３", "999999999999"}) {
            assertThat(read(notAPort, null).port()).as(notAPort).isNull();
        }
    }

    @Test
    void aTypedValueThatIsNotAPortIsNamedNotIgnored() {
        for (String bad : new String[] {"0", "65536", "80a", "-1", "１２３", "<script>"}) {
            SimulationForm form = new SimulationForm();
            form.setSimPort(bad);
            assertThat(form.badPort()).as(bad).isTrue();
        }
        for (String fine : new String[] {null, "", " ", "80", " 9080 "}) {
            SimulationForm form = new SimulationForm();
            form.setSimPort(fine);
            assertThat(form.badPort()).as(fine).isFalse();
        }
    }

    @Test
    void labelsAreWrittenAsASelectorSeparatedByCommasSpacesOrLines() {
        assertThat(read(null, "app=sleep, version=v1").sourceLabels())
                .containsExactly(Map.entry("app", "sleep"), Map.entry("version", "v1"));
        assertThat(read(null, "app=sleep\nversion=v1 tier=").sourceLabels())
                .containsExactly(Map.entry("app", "sleep"), Map.entry("version", "v1"), Map.entry("tier", ""));
        assertThat(read(null, "noequals, =x").sourceLabels()).isEmpty();
        assertThat(read(null, null).sourceLabels()).isEmpty();
        assertThat(read(null, "k=v,".repeat(500)).sourceLabels()).hasSize(1);
    }
}
