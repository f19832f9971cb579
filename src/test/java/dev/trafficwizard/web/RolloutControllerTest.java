package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.release.RolloutOutcome;
import dev.trafficwizard.release.Rollouts;
import dev.trafficwizard.rollout.Gates;
import dev.trafficwizard.rollout.Phase;
import dev.trafficwizard.rollout.RolloutEvent;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.RouteTarget;
import dev.trafficwizard.rollout.Step;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** #17 the Release panel of the service page: the start form, a rollout's state and actions, refusals beside their fields. */
@WebMvcTest({ServiceController.class, RolloutController.class})
@Import({WebTestConfig.class, LiveChecks.class, Times.class})
@WithMockUser(roles = "OPERATOR")
class RolloutControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MessageSource messages;
    @MockitoBean
    dev.trafficwizard.release.ForeignOwners foreignOwners;

    @MockitoBean
    Rollouts rollouts;
    @MockitoBean
    dev.trafficwizard.workflow.MeshChecks meshChecks;
    @MockitoBean
    dev.trafficwizard.workflow.RoutingWorkflow workflow;
    @MockitoBean
    Catalog catalog;
    @MockitoBean
    dev.trafficwizard.workflow.Simulations simulations;

    static final RolloutSpec SPEC = new RolloutSpec("v1", "v2",
            List.of(Step.weight(10, null), Step.weight(50, null), Step.weight(100, null)), null);

    @BeforeEach
    void service() {
        when(catalog.service(Fixtures.NS, Fixtures.NAME)).thenReturn(Optional.of(Fixtures.withoutRouting()));
    }

    @Test
    void withoutARolloutTheFormOffersTheBusiestVersionAsStableTheOtherAsCanaryAndThreeSteps() throws Exception {
        String html = page();

        assertThat(Html.text(html, "release-title")).isEqualTo(msg("rollout.title"));
        assertThat(Html.element(html, "rollout-stable")).contains("<option value=\"v1\" selected");
        assertThat(Html.element(html, "rollout-canary")).contains("<option value=\"v2\" selected");
        assertThat(Html.openingTag(html, "step-0-weight")).contains("value=\"10\"");
        assertThat(Html.openingTag(html, "step-1-weight")).contains("value=\"50\"");
        assertThat(Html.openingTag(html, "step-2-weight")).contains("value=\"100\"");
        assertThat(Html.openingTag(html, "step-0-until")).contains("checked");
        assertThat(Html.openingTag(html, "step-2-until")).doesNotContain("checked");
        assertThat(Html.openingTag(html, "rollout-panel")).doesNotContain("hx-trigger");
    }

    @Test
    void aNumberThatCannotBeReadIsShownBesideItsStepAndNothingStarts() throws Exception {
        String html = send(post("/services/default/reviews/rollout/start").param("stable", "v1").param("canary", "v2")
                .param("steps[0].weight", "10").param("steps[0].untilPromoted", "on")
                .param("steps[1].weight", "half").param("steps[1].pause", "5m"));

        assertThat(Html.text(html, "e-step-1")).isEqualTo(msg("diagnostic.NOT_A_NUMBER", "half"));
        assertThat(Html.openingTag(html, "step-1-weight")).contains("value=\"half\"");
        verify(rollouts, never()).start(anyString(), anyString(), any());
    }

    @Test
    void theFormAsksForTheRolloutTypedAndARefusalIsShownBesideTheFieldItNames() throws Exception {
        when(rollouts.start(eq("default"), eq("reviews"), any())).thenReturn(new RolloutOutcome(null,
                List.of(Diagnostic.error(DiagnosticCode.NOT_A_NUMBER, "steps[2].weight", "200")), null));
        String html = send(post("/services/default/reviews/rollout/start").param("stable", "v1").param("canary", "v2")
                .param("first", "header").param("headerName", "x-canary").param("headerValue", "on")
                .param("_firstUntilPromoted", "on").param("firstPause", "1m")
                .param("steps[0].weight", "10").param("steps[0].untilPromoted", "on").param("_steps[0].untilPromoted", "on")
                .param("steps[1].weight", "200").param("_steps[1].untilPromoted", "on").param("steps[1].pause", "5m")
                .param("minSuccessRate", "99").param("maxP99", "500").param("interval", "30s"));

        ArgumentCaptor<RolloutSpec> asked = ArgumentCaptor.forClass(RolloutSpec.class);
        verify(rollouts).start(eq("default"), eq("reviews"), asked.capture());
        assertThat(asked.getValue()).isEqualTo(new RolloutSpec("v1", "v2", List.of(
                new Step(null, "1m", new Step.HeaderRoute("x-canary", "on"), null),
                Step.weight(10, null), Step.weight(200, "5m")), new Gates(99.0, 500.0, null, "30s", null)));
        // the header step is step 1: weight row 1 is the rollout's steps[2]
        assertThat(Html.text(html, "e-step-1")).isEqualTo(msg("diagnostic.NOT_A_NUMBER", "200"));
        assertThat(Html.text(html, "e-step-0")).isEmpty();
    }

    @Test
    void addAndRemoveStepButtonsDrawTheFormAgainWithTheFocusWhereTheUserContinues() throws Exception {
        String added = send(post("/services/default/reviews/rollout/steps").param("op", "add-step")
                .param("stable", "v1").param("canary", "v2").param("steps[0].weight", "10"));
        assertThat(Html.openingTag(added, "rollout-form")).contains("data-focus=\"step-1-weight\"");
        assertThat(Html.openingTag(added, "step-1-weight")).contains("value=\"\"");

        String removed = send(post("/services/default/reviews/rollout/steps").param("op", "remove-step:0")
                .param("steps[0].weight", "10").param("steps[1].weight", "20"));
        assertThat(Html.openingTag(removed, "step-0-weight")).contains("value=\"20\"");
        assertThat(removed).doesNotContain("id=\"step-1-weight\"");
    }

    @Test
    void aRolloutWaitingForAPromoteShowsItsPhaseStepWeightReasonActionsAndHistory() throws Exception {
        when(rollouts.current("default", "reviews")).thenReturn(Optional.of(paused()));
        String html = page();

        assertThat(Html.text(html, "rollout-phase")).isEqualTo(msg("rollout.phase.Paused"));
        assertThat(Html.text(html, "rollout-step")).isEqualTo(msg("rollout.step", 1, 3));
        assertThat(Html.text(html, "rollout-weight")).isEqualTo(msg("rollout.weights", "v2", 10, "v1", 90));
        assertThat(Html.text(html, "rollout-reason")).isEqualTo(msg("rollout.reason.waiting"));
        assertThat(Html.ids(html)).contains("rollout-promote", "rollout-promote-full", "rollout-abort")
                .doesNotContain("rollout-form", "rollout-pause");
        assertThat(Html.text(html, "rollout-history")).contains(msg("rollout.event.step", 1), "alice",
                msg("rollout.event.started"), "v1 → v2");
        assertThat(Html.openingTag(html, "rollout-panel")).contains("hx-trigger=\"every 15s\"");
    }

    @Test
    @WithMockUser(roles = "VIEWER")
    void viewersSeeTheRolloutButNoButtonsAndNoForm() throws Exception {
        when(rollouts.current("default", "reviews")).thenReturn(Optional.of(paused()));
        String html = page();
        assertThat(Html.ids(html)).contains("rollout-phase", "rollout-history")
                .doesNotContain("rollout-promote", "rollout-abort", "rollout-form");
    }

    @Test
    void aDoneActionDrawsThePageAgainAndARefusedOneSaysWhy() throws Exception {
        when(rollouts.promote("default", "reviews", false)).thenReturn(new RolloutOutcome(paused(), List.of(), null));
        mvc.perform(post("/services/default/reviews/rollout/promote").header("HX-Request", "true"))
                .andExpect(status().isOk()).andExpect(header().string("HX-Redirect", "/services/default/reviews"));

        when(rollouts.abort("default", "reviews")).thenReturn(new RolloutOutcome(paused(),
                List.of(Diagnostic.error(DiagnosticCode.NOT_A_NUMBER, "", "x")), null));
        String html = send(post("/services/default/reviews/rollout/abort"));
        assertThat(Html.text(html, "rollout-result")).isEqualTo(msg("diagnostic.NOT_A_NUMBER", "x"));
    }

    @Test
    void theLookWhileARolloutRunsDrawsThePageAgainOnceTheRolloutMovedOn() throws Exception {
        when(rollouts.current("default", "reviews")).thenReturn(Optional.of(paused()));
        String seen = new RolloutViews(messages).of(paused()).seen();
        mvc.perform(get("/services/default/reviews/rollout").param("seen", seen).header("HX-Request", "true"))
                .andExpect(status().isOk()).andExpect(header().doesNotExist("HX-Refresh"));
        mvc.perform(get("/services/default/reviews/rollout").param("seen", "Progressing:0:0:1").header("HX-Request", "true"))
                .andExpect(status().isOk()).andExpect(header().string("HX-Refresh", "true"));
    }

    @Test
    void aProgressingRolloutOffersPauseAndIsLookedAtEveryFiveSeconds() throws Exception {
        RolloutState p = paused();
        RolloutState progressing = new RolloutState(p.namespace(), p.service(), p.spec(), Phase.Progressing, 1,
                p.stepStarted(), 0, null, null, "alice", new RouteTarget(50, null, null), null, null, p.history());
        when(rollouts.current("default", "reviews")).thenReturn(Optional.of(progressing));
        String html = page();
        assertThat(Html.text(html, "rollout-phase")).isEqualTo(msg("rollout.phase.Progressing"));
        assertThat(Html.ids(html)).contains("rollout-pause").doesNotContain("rollout-resume", "rollout-reason");
        assertThat(Html.openingTag(html, "rollout-panel")).contains("hx-trigger=\"every 5s\"");
    }

    static RolloutState paused() {
        Instant t = Instant.parse("2026-12-03T07:00:00Z");
        return new RolloutState("default", "reviews", SPEC, Phase.Paused, 0, t, 0, "waiting for a promote",
                RolloutState.PauseKind.PROMOTE, "alice", new RouteTarget(10, null, null), null, null,
                List.of(new RolloutEvent(t, "started", 0, 0, "alice", "v1 → v2"),
                        new RolloutEvent(t, "step 1", 0, 10, null, "weight 10 %, until promoted")));
    }

    private String page() throws Exception {
        return mvc.perform(get("/services/default/reviews")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("HX-Request", "true")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }
}
