package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Review of issue #12, item 7: the demo pipeline token is logged only as what it is, a demo-only secret. */
class DemoTokenLineTest {

    @Test
    void theLineSaysDemoOnlyBeforeTheToken() {
        String line = LoginConfiguration.demoTokenLine("tok3n", 8080);
        assertThat(line).startsWith("DEMO ONLY").contains("valid nowhere else")
                .contains("Bearer tok3n\" http://localhost:8080/api/v1/services");
        assertThat(line.indexOf("DEMO ONLY")).isLessThan(line.indexOf("tok3n"));
    }
}
