package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.WeightedDestination;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Probes and Prometheus metrics, as a Kubernetes kubelet and a Prometheus server see them (no login). */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
class OperationsEndpointsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RoutingWorkflow workflow;

    @Test
    void probesAnswerWithoutLogin() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void appliesAreCountedAndTimed() throws Exception {
        AsAdmin.run(() -> workflow.apply(RoutingPlan.weighted("bookinfo", "productpage",
                List.of(new WeightedDestination("v1", 100))), null, FormKind.WEIGHTED));
        AsAdmin.run(() -> workflow.delete("bookinfo", "productpage"));
        // metrics need a login since issue #12 (Prometheus scrapes with its ServiceAccount token)
        mvc.perform(get("/actuator/prometheus").with(httpBasic("viewer", "viewer"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "traffic_wizard_applies_total{action=\"apply\",outcome=\"applied\"}")))
                .andExpect(content().string(containsString("traffic_wizard_apply_seconds_count")))
                .andExpect(content().string(containsString("traffic_wizard_conflicts_total")));
    }
}
