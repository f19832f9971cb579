package dev.trafficwizard.web;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.istio.ObjectChange;
import dev.trafficwizard.workflow.WriteResult;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.Review;
import dev.trafficwizard.workflow.Reviews;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Simulations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * #13 flows on the form and the service page: what a write refreshes, the checks always shown,
 * viewers' previews, a form opened from a review, header names lowercased, unreadable simulator
 * header lines.
 */
@WebMvcTest({RoutingFormController.class, ServiceController.class})
@Import({WebTestConfig.class, LiveChecks.class})
@WithMockUser(roles = "ADMIN")
class FormFlowsControllerTest {

    private static final String SERVICE = "/services/default/reviews";
    private static final String URL = SERVICE + "/weighted";

    @Autowired
    MockMvc mvc;
    @Autowired
    MessageSource messages;
    /** The live checks (mocked: nothing found, not ready, unless a test says otherwise). */
    @MockitoBean
    dev.trafficwizard.workflow.MeshChecks meshChecks;

    @MockitoBean
    dev.trafficwizard.workflow.History history;
    @MockitoBean
    Catalog catalog;
    @MockitoBean
    RoutingWorkflow workflow;
    @MockitoBean
    Simulations simulations;
    @MockitoBean
    Reviews reviews;
    /** #17 fc: the service page asks who else manages the routing (nobody, here). */
    @MockitoBean
    dev.trafficwizard.release.ForeignOwners foreignOwners;

    @Test
    void aConflictDropsTheStaleDiffDisablesApplyAndOffersPreviewAgain() throws Exception {
        given(Fixtures.managed(90, 10));
        when(workflow.apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean()))
                .thenReturn(new WriteResult.Conflict("VirtualService", "default", "reviews"));

        String html = ok(weights(post(URL + "/apply"), "80", "20").param("baseVersion", "1.2"));

        assertThat(Html.text(html, "apply-result")).contains(msg("wizard.conflict"));
        assertThat(Html.openingTag(html, "preview")).contains("hx-swap-oob=\"true\"");
        assertThat(Html.text(html, "preview-stale")).isEqualTo(msg("form.stale.preview"));
        assertThat(html).doesNotContain("id=\"preview-yaml\"");
        assertThat(Html.openingTag(html, "apply-bar")).contains("hx-swap-oob=\"true\"");
        assertThat(Html.openingTag(html, "apply-button")).contains("disabled");
        assertThat(Html.text(html, "preview-again")).isEqualTo(msg("form.stale.again"));
        assertThat(Html.openingTag(html, "preview-again")).contains("hx-post=\"" + URL + "/preview\"");
        // the base the next preview and apply start from is the live routing now
        assertThat(Html.openingTag(html, "base-version")).contains("hx-swap-oob=\"true\"", "value=\"5.6\"");
    }

    @Test
    void applyRefreshesTheHintAboveTheFields() throws Exception {
        ServiceDetail before = Fixtures.withoutRouting();
        when(catalog.service(Fixtures.NS, Fixtures.NAME))
                .thenReturn(Optional.of(before), Optional.of(Fixtures.managed(80, 20)));
        when(workflow.apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean())).thenReturn(new WriteResult.Applied(List.of(
                new WriteResult.Written("VirtualService", "default", "reviews", ObjectChange.CREATE))));

        MockHttpServletResponse response = mvc.perform(weights(post(URL + "/apply"), "80", "20")
                .param("baseVersion", "0.0")).andExpect(status().isOk()).andReturn().getResponse();

        String html = response.getContentAsString();
        assertThat(response.getHeader("HX-Trigger")).isEqualTo("routing-applied");
        assertThat(Html.openingTag(html, "form-hint")).contains("hx-swap-oob=\"true\"");
        assertThat(Html.text(html, "form-hint")).isEqualTo(msg("wizard.editing"));
        assertThat(Html.openingTag(html, "replacing-slot")).contains("hx-swap-oob=\"true\"");
    }

    @Test
    void theFormAlwaysShowsItsChecks() throws Exception {
        given(Fixtures.withoutRouting());

        String page = ok(get(URL));
        assertThat(Html.text(page, "form-checks")).isEqualTo(msg("form.checks") + " " + msg("form.checks.ok"));

        String preview = ok(weights(post(URL + "/preview"), "50", "30"));
        assertThat(Html.openingTag(preview, "form-checks")).contains("hx-swap-oob=\"true\"");
        assertThat(Html.text(preview, "checks-summary")).isEqualTo(msg("form.checks.count", 1, 0));
        assertThat(preview).doesNotContain("id=\"checks-ok\"");
    }

    @Test
    void theNonWeightedFormsSendNoWeightStatusToSwap() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(post(SERVICE + "/header/preview").header("HX-Request", "true")
                .param("rules[0].name", "x-user").param("rules[0].op", "exact").param("rules[0].value", "a")
                .param("rules[0].version", "v2").param("defaultVersion", "v1"));

        assertThat(html).doesNotContain("id=\"weight-status\"");
        assertThat(Html.ids(html)).contains("preview", "form-checks", "route-errors", "apply-bar");
    }

    @Test
    void headerNamesTypedWithCapitalsAreLowercasedWithANote() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(post(SERVICE + "/header/preview").header("HX-Request", "true")
                .param("rules[0].name", "X-User").param("rules[0].op", "exact").param("rules[0].value", "Alice")
                .param("rules[0].version", "v2").param("defaultVersion", "v1"));

        assertThat(Html.text(html, "form-checks")).contains(msg("form.headerLowercased", "X-User", "x-user"));
        assertThat(Html.text(html, "preview-yaml")).contains("x-user").doesNotContain("X-User");
        assertThat(Html.text(html, "preview-yaml")).contains("Alice");
    }

    @Test
    void aSimulatorHeaderLineWithoutAColonIsAnErrorNamingTheLine() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(post(SERVICE + "/simulate").header("HX-Request", "true")
                .param("simHeaders", "x-user: alice\n\nend-user jason"));

        assertThat(Html.text(html, "sim-header-error")).isEqualTo(msg("sim.headerLine", 3, "end-user jason"));
        verify(simulations, never()).live(any(), any());
    }

    @Test
    @WithMockUser(roles = "VIEWER")
    void aViewerGetsPreviewLinksAndAFormWithoutApply() throws Exception {
        given(Fixtures.withoutRouting());

        String service = ok(get(SERVICE));
        assertThat(Html.text(service, "preview-weighted")).isEqualTo(msg("service.action.preview.weighted"));
        assertThat(Html.openingTag(service, "preview-dark")).contains("href=\"" + SERVICE + "/dark\"");
        assertThat(service).doesNotContain("id=\"action-weighted\"");

        String form = ok(get(URL));
        assertThat(form).doesNotContain("id=\"apply-button\"");
        assertThat(Html.text(form, "viewer-note")).isEqualTo(msg("wizard.viewerOnly"));
        assertThat(Html.text(form, "preview-yaml")).contains("weight: 67");
    }

    @Test
    void deleteReloadsTheServicePageCarryingTheResult() throws Exception {
        given(Fixtures.managed(90, 10));
        when(workflow.delete("default", "reviews", false)).thenReturn(new WriteResult.Applied(List.of(
                new WriteResult.Written("VirtualService", "default", "reviews", ObjectChange.DELETE))));
        List<WriteOutcome.AppliedObject> deleted = List.of(
                new WriteOutcome.AppliedObject("VirtualService", "default", "reviews", "deleted"));

        MvcResult result = mvc.perform(post(SERVICE + "/routing/delete").header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn();

        assertThat(result.getResponse().getHeader("HX-Redirect")).isEqualTo(SERVICE);
        assertThat((java.util.Map<String, Object>) result.getFlashMap()).containsEntry("outcome", "deleted").containsEntry("applied", deleted);
        // the reloaded page shows what was removed
        String page = mvc.perform(get(SERVICE).flashAttrs(result.getFlashMap())).andReturn().getResponse()
                .getContentAsString();
        assertThat(Html.text(page, "action-result")).startsWith(msg("service.deleted"))
                .contains("VirtualService default/reviews");
    }

    @Test
    void aFormOpenedFromAReviewStartsFromTheProposal() throws Exception {
        given(Fixtures.managed(90, 10));
        RoutingPlan proposal = Fixtures.plan(60, 40);
        when(reviews.find("r1")).thenReturn(Optional.of(new Review("r1", "default", "reviews", FormKind.WEIGHTED, proposal,
                "operator", Instant.EPOCH, Instant.MAX, false, "5.6")));

        String html = ok(get(URL).param("review", "r1"));

        assertThat(Html.element(html, "weight-0")).contains("value=\"60\"");
        assertThat(Html.element(html, "weight-1")).contains("value=\"40\"");
        assertThat(Html.text(html, "from-review-note")).isEqualTo(msg("form.fromReview", "operator"));
        // a review of another form or service is not taken
        String other = ok(get(SERVICE + "/header").param("review", "r1"));
        assertThat(other).doesNotContain("id=\"from-review-note\"");
    }

    private void given(ServiceDetail service) {
        when(catalog.service(Fixtures.NS, Fixtures.NAME)).thenReturn(Optional.of(service));
        when(workflow.preview(any(), any())).thenAnswer(call -> Fixtures.preview(call.<RoutingPlan>getArgument(0), service));
    }

    private static MockHttpServletRequestBuilder weights(MockHttpServletRequestBuilder request, String v1, String v2) {
        return request.header("HX-Request", "true").param("version", "v1", "v2").param("weight", v1, v2);
    }

    private String ok(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }
}
