package dev.trafficwizard.web;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.istio.ObjectChange;
import dev.trafficwizard.workflow.WriteResult;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Simulations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(RoutingFormController.class)
@Import(WebTestConfig.class)
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
class RoutingFormControllerTest {

    private static final String URL = "/services/default/reviews/weighted";

    @Autowired
    MockMvc mvc;

    @Autowired
    MessageSource messages;

    @MockitoBean
    dev.trafficwizard.workflow.History history;

    @MockitoBean
    Catalog catalog;

    @MockitoBean
    RoutingWorkflow workflow;

    @MockitoBean
    Simulations simulations;

    @MockitoBean
    dev.trafficwizard.workflow.Reviews reviews;

    // ---- the page

    @Test
    void serviceWithoutRoutingStartsFromTheRoundRobinShares() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(get(URL));

        assertThat(weightInput(html, 0)).contains("name=\"weight\"", "value=\"67\"");
        assertThat(weightInput(html, 1)).contains("value=\"33\"");
        assertThat(Html.text(html)).contains(msg("wizard.creating"), msg("wizard.pods", 2, 2),
                msg("wizard.pods", 1, 1)).doesNotContain(msg("wizard.editing"), msg("wizard.readOnly"));
        assertThat(Html.openingTag(html, "base-version")).contains("value=\"0.0\"").doesNotContain("hx-swap-oob");
        assertThat(Html.text(html, "weight-sum")).isEqualTo("100 %");
        verify(workflow).preview(Fixtures.plan(67, 33), FormKind.WEIGHTED);
        // the preview shows the YAML of that split, ready to apply
        assertThat(Html.text(html, "preview-yaml")).contains("weight: 67", "weight: 33", "subset: v2");
        assertThat(Html.text(html, "preview-resources")).isEqualTo(
                "create DestinationRule default/reviews create VirtualService default/reviews");
        assertThat(Html.openingTag(html, "apply-button")).doesNotContain("disabled");
        assertThat(html).doesNotContain("hx-swap-oob");
    }

    @Test
    void managedRoutingStartsFromTheLiveWeights() throws Exception {
        given(Fixtures.managed(90, 10));

        String html = ok(get(URL));

        assertThat(weightInput(html, 0)).contains("value=\"90\"");
        assertThat(weightInput(html, 1)).contains("value=\"10\"");
        assertThat(Html.text(html)).contains(msg("wizard.editing")).doesNotContain(msg("wizard.creating"));
        assertThat(Html.openingTag(html, "base-version")).contains("value=\"5.6\"");
        verify(workflow).preview(Fixtures.plan(90, 10), FormKind.WEIGHTED);
    }

    @Test
    void unmanagedRoutingIsReadOnly() throws Exception {
        given(Fixtures.unmanaged());

        String html = ok(get(URL));

        assertThat(Html.text(html)).contains(msg("wizard.readOnly"));
        assertThat(html).containsPattern("<fieldset disabled=\"disabled\">");
        assertThat(Html.openingTag(html, "apply-button")).contains("disabled");
    }

    @Test
    void unknownServiceIsNotFound() throws Exception {
        when(catalog.service(anyString(), anyString())).thenReturn(Optional.empty());

        mvc.perform(get("/services/default/nope/weighted")).andExpect(status().isNotFound());
    }

    // ---- live preview

    @Test
    void previewAnswersThePreviewFragmentAndTheOutOfBandParts() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(form(post(URL + "/preview"), "80", "20"));

        assertThat(html).doesNotContain("<html", "id=\"weighted-form\"");
        assertThat(Html.ids(html)).first().isEqualTo("preview");
        assertThat(Html.ids(html)).contains("preview", "weight-status", "weight-error-0", "weight-error-1",
                "route-errors", "apply-bar");
        assertThat(Html.openingTag(html, "preview")).doesNotContain("hx-swap-oob");
        for (String oob : List.of("weight-status", "weight-error-0", "weight-error-1", "route-errors", "apply-bar")) {
            assertThat(Html.openingTag(html, oob)).as(oob).contains("hx-swap-oob=\"true\"");
        }
        assertThat(Html.text(html, "preview-yaml")).contains("weight: 80", "weight: 20");
        assertThat(Html.text(html, "weight-sum")).isEqualTo("100 %");
        assertThat(Html.text(html, "route-errors")).isEmpty();
        assertThat(Html.openingTag(html, "apply-button")).doesNotContain("disabled");
        verify(workflow).preview(Fixtures.plan(80, 20), FormKind.WEIGHTED);
    }

    @Test
    void previewOfAReadOnlyServiceKeepsApplyDisabled() throws Exception {
        given(Fixtures.unmanaged());

        String html = ok(form(post(URL + "/preview"), "80", "20"));

        assertThat(Html.openingTag(html, "apply-button")).contains("disabled");
        assertThat(Html.text(html, "apply-bar")).doesNotContain(msg("wizard.apply.blocked"));
    }

    @Test
    void previewNeedsAnHtmxRequest() throws Exception {
        given(Fixtures.withoutRouting());

        int status = mvc.perform(post(URL + "/preview").param("version", "v1").param("weight", "100"))
                .andReturn().getResponse().getStatus();

        assertThat(status).isBetween(400, 499);
    }

    @Test
    void aWeightThatIsNotANumberIsNamedBesideItsRow() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(form(post(URL + "/preview"), "90", "abc"));

        String expected = msg("diagnostic.WEIGHT_NOT_NUMBER", "abc");
        assertThat(expected).startsWith("'abc' is not a whole number");
        assertThat(Html.text(html, "weight-error-1")).isEqualTo(expected);
        assertThat(Html.text(html, "weight-error-0")).isEmpty();
        // the sum of what could be read is not an error of its own: the row says what is wrong
        assertThat(Html.text(html, "route-errors")).isEmpty();
        assertThat(Html.openingTag(html, "apply-button")).contains("disabled");
        assertThat(Html.text(html, "apply-bar")).contains(msg("wizard.apply.blocked"));
    }

    @Test
    void weightsThatDoNotAddUpToAHundredGetTheSumError() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(form(post(URL + "/preview"), "50", "30"));

        assertThat(Html.text(html, "route-errors")).isEqualTo(msg("diagnostic.WEIGHT_SUM", 80));
        assertThat(Html.element(html, "route-errors")).contains("data-code=\"WEIGHT_SUM\"");
        assertThat(Html.text(html, "weight-sum")).isEqualTo("80 %");
        assertThat(Html.openingTag(html, "weight-sum")).contains("text-bg-danger");
        assertThat(Html.text(html, "weight-error-0")).isEmpty();
        assertThat(Html.openingTag(html, "apply-button")).contains("disabled");
        assertThat(Html.text(html, "preview")).contains(msg("preview.empty"));
    }

    // ---- apply

    @Test
    void applyListsTheAppliedObjectsAndTellsThePageRoutingChanged() throws Exception {
        ServiceDetail service = Fixtures.withoutRouting();
        given(service);
        when(workflow.apply(Fixtures.plan(80, 20), "0.0", FormKind.WEIGHTED, null, false)).thenReturn(new WriteResult.Applied(List.of(
                new WriteResult.Written("DestinationRule", "default", "reviews", ObjectChange.CREATE),
                new WriteResult.Written("VirtualService", "default", "reviews", ObjectChange.CREATE))));

        MockHttpServletResponse response = response(form(post(URL + "/apply"), "80", "20").param("baseVersion", "0.0"));

        assertThat(response.getHeader("HX-Trigger")).isEqualTo("routing-applied");
        String html = response.getContentAsString();
        assertThat(Html.text(html, "apply-result")).isEqualTo(msg("wizard.applied")
                + " created DestinationRule default/reviews created VirtualService default/reviews "
                + msg("wizard.applied.back"));
        assertThat(Html.openingTag(html, "base-version")).contains("hx-swap-oob=\"true\"", "value=\"0.0\"");
        verify(workflow).apply(Fixtures.plan(80, 20), "0.0", FormKind.WEIGHTED, null, false);
    }

    @Test
    void aConflictSaysSomeoneElseChangedTheRouting() throws Exception {
        given(Fixtures.managed(90, 10));
        when(workflow.apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean()))
                .thenReturn(new WriteResult.Conflict("VirtualService", "default", "reviews"));

        MockHttpServletResponse response = response(form(post(URL + "/apply"), "80", "20").param("baseVersion", "1.2"));

        assertThat(response.getHeader("HX-Trigger")).isNull();
        String text = Html.text(response.getContentAsString(), "apply-result");
        assertThat(msg("wizard.conflict")).startsWith("Someone changed");
        assertThat(text).contains(msg("wizard.conflict"), msg("wizard.conflict.reload"))
                .doesNotContain(msg("wizard.applied"));
    }

    @Test
    void planErrorsSayNothingWasWritten() throws Exception {
        given(Fixtures.withoutRouting());
        when(workflow.apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean())).thenReturn(new WriteResult.Rejected(
                List.of(Diagnostic.error(DiagnosticCode.WEIGHT_SUM, "rules[0].route", 80))));

        MockHttpServletResponse response = response(form(post(URL + "/apply"), "50", "30"));

        assertThat(response.getHeader("HX-Trigger")).isNull();
        assertThat(Html.text(response.getContentAsString(), "apply-result"))
                .isEqualTo(msg("wizard.rejected") + " Rule 1 · versions: " + msg("diagnostic.WEIGHT_SUM", 80));
        assertThat(msg("wizard.rejected")).startsWith("Nothing was written");
    }

    @Test
    void aWeightThatIsNotANumberIsRejectedWithoutTouchingTheCluster() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(form(post(URL + "/apply"), "abc", "20"));

        assertThat(Html.text(html, "apply-result"))
                .isEqualTo(msg("wizard.rejected") + " Rule 1 · weight: " + msg("diagnostic.WEIGHT_NOT_NUMBER", "abc"));
        verify(workflow, never()).apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean());
    }

    @Test
    void aStickyKeyChosenButLeftEmptyIsAnErrorBesideTheStickySection() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(form(post(URL + "/preview"), "100", "0").param("sticky", "query").param("stickyQuery", " "));

        assertThat(Html.element(html, "sticky-errors"))
                .contains("data-field=\"stickySession.httpQueryParameterName\"")
                .contains(msg("diagnostic.REQUIRED"));
        assertThat(Html.element(html, "apply-button")).contains("disabled");
    }

    @Test
    void aFailedWriteSaysWhatWasPutBackAndWhatWasNot() throws Exception {
        given(Fixtures.withoutRouting());
        when(workflow.apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean())).thenReturn(new WriteResult.Failed(
                "VirtualService default/reviews", "HTTP 500", false, 500,
                List.of("DestinationRule default/reviews"), List.of()));

        String text = Html.text(ok(form(post(URL + "/apply"), "80", "20")), "apply-result");

        assertThat(text).isEqualTo(msg("wizard.failed", "Writing VirtualService default/reviews failed: HTTP 500")
                + " " + msg("wizard.failed.restored", "DestinationRule default/reviews"));
    }

    private void given(ServiceDetail service) {
        when(catalog.service(Fixtures.NS, Fixtures.NAME)).thenReturn(Optional.of(service));
        when(workflow.preview(any(), any())).thenAnswer(call -> Fixtures.preview(call.<RoutingPlan>getArgument(0), service));
    }

    private static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String v1, String v2) {
        return request.header("HX-Request", "true")
                .param("version", "v1", "v2").param("weight", v1, v2);
    }

    private static String weightInput(String html, int row) {
        return Html.element(html, "weight-" + row);
    }

    private String ok(MockHttpServletRequestBuilder request) throws Exception {
        return response(request).getContentAsString();
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }
}
