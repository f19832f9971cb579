package dev.trafficwizard.web;

import dev.trafficwizard.release.RolloutOutcome;
import dev.trafficwizard.release.Rollouts;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.rollout.RolloutMachine;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Step;
import dev.trafficwizard.workflow.WriteResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** #17: how the rollout API answers each outcome of {@link Rollouts}. */
@WebMvcTest(RolloutApiController.class)
@Import(WebTestConfig.class)
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
class RolloutApiControllerTest {

    static final String ROLLOUT = "/api/v1/namespaces/shop/services/cart/rollout";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Rollouts rollouts;

    static RolloutState started() {
        RolloutSpec spec = new RolloutSpec("v1", "v2", List.of(Step.weight(10, "5m"), Step.weight(100, null)), null);
        return RolloutMachine.start("shop", "cart", spec, "ann", Instant.parse("2026-12-03T06:00:00Z")).state();
    }

    @Test
    void theRolloutIsAnsweredWithItsStepCountedFromOne() throws Exception {
        when(rollouts.current("shop", "cart")).thenReturn(Optional.of(started()));
        mvc.perform(get(ROLLOUT)).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Progressing"))
                .andExpect(jsonPath("$.step").value(1))
                .andExpect(jsonPath("$.weight").value(10))
                .andExpect(jsonPath("$.stable").value("v1"))
                .andExpect(jsonPath("$.canary").value("v2"))
                .andExpect(jsonPath("$.steps[0].weight").value(10))
                .andExpect(jsonPath("$.steps[0].pause").value("5m"))
                .andExpect(jsonPath("$.startedBy").value("ann"))
                .andExpect(jsonPath("$.history[0].event").value("started"))
                .andExpect(jsonPath("$.history[0].time").value("2026-12-03T06:00:00Z"))
                .andExpect(jsonPath("$.history[1].event").value("step 1"))
                .andExpect(jsonPath("$.history[1].step").value(1));
        when(rollouts.current("shop", "none")).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/namespaces/shop/services/none/rollout")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_NONE"));
    }

    @Test
    void refusalsAre400404Or409ByTheirCode() throws Exception {
        when(rollouts.start(eq("shop"), eq("cart"), any())).thenReturn(new RolloutOutcome(null, List.of(
                Diagnostic.error(DiagnosticCode.ROLLOUT_OUT_OF_RANGE, "steps[1].weight", 150, 0, 100)), null));
        mvc.perform(post(ROLLOUT).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":10},{\"weight\":150}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].path").value("steps[1].weight"))
                .andExpect(jsonPath("$.diagnostics[0].message").value("150 is out of range: it must be from 0 to 100."));
        when(rollouts.promote("shop", "cart", true)).thenReturn(new RolloutOutcome(started(), List.of(
                Diagnostic.error(DiagnosticCode.ROLLOUT_FINISHED, "service", "Aborted")), null));
        mvc.perform(post(ROLLOUT + "/promote").param("full", "true")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_FINISHED"));
        when(rollouts.abort("shop", "cart")).thenReturn(new RolloutOutcome(null, List.of(
                Diagnostic.error(DiagnosticCode.UNKNOWN_SERVICE, "service", "shop", "cart")), null));
        mvc.perform(post(ROLLOUT + "/abort")).andExpect(status().isNotFound());
        when(rollouts.pause("shop", "cart")).thenReturn(new RolloutOutcome(null, List.of(
                Diagnostic.error(DiagnosticCode.ROLLOUT_FOREIGN_CONTROLLER, "service", "Flagger", "Canary", "shop/cart")),
                null));
        mvc.perform(post(ROLLOUT + "/pause")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].message").value(
                        "Flagger manages the routing of this service (Canary shop/cart): no rollout can start here."));
    }

    @Test
    void aRoutingWriteThatDidNotApplyAnswersLikeAnApply() throws Exception {
        when(rollouts.resume("shop", "cart")).thenReturn(new RolloutOutcome(started(), List.of(),
                new WriteResult.Conflict("VirtualService", "shop", "cart")));
        mvc.perform(post(ROLLOUT + "/resume")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("CONFLICT"));
        when(rollouts.promote("shop", "cart", false)).thenReturn(new RolloutOutcome(started(), List.of(),
                new WriteResult.Failed("VirtualService shop/cart", "boom", false, 500, List.of(), List.of())));
        mvc.perform(post(ROLLOUT + "/promote")).andExpect(status().isBadGateway());
    }

    @Test
    void aClusterThatCannotBeReadIs502() throws Exception {
        when(rollouts.current("shop", "cart")).thenThrow(new dev.trafficwizard.release.RolloutsUnavailableException(
                "Reading ConfigMap shop/traffic-wizard-rollout-cart failed: Forbidden", null));
        mvc.perform(get(ROLLOUT)).andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_STORE_UNAVAILABLE"))
                .andExpect(jsonPath("$.diagnostics[0].message").value("The rollouts could not be read from the "
                        + "cluster: Reading ConfigMap shop/traffic-wizard-rollout-cart failed: Forbidden"));
    }

    @Test
    void aBodyThatIsNotASpecIs400AtItsField() throws Exception {
        mvc.perform(post(ROLLOUT).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":\"many\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].path").value("steps[0].weight"));
        verifyNoInteractions(rollouts);
    }
}
