package dev.trafficwizard.web;

import dev.trafficwizard.istio.ObjectChange;
import dev.trafficwizard.workflow.WriteResult;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(RoutingApiController.class)
@Import(WebTestConfig.class)
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
class RoutingApiControllerTest {

    private static final String PLAN_80_20 = """
            {"namespace": "default", "service": "reviews",
             "rules": [{"route": [{"version": "v1", "weight": 80}, {"version": "v2", "weight": 20}]}]}""";
    private static final String SUM_80 = """
            {"namespace": "default", "service": "reviews",
             "rules": [{"route": [{"version": "v1", "weight": 50}, {"version": "v2", "weight": 30}]}]}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    dev.trafficwizard.workflow.History history;

    @MockitoBean
    dev.trafficwizard.catalog.Catalog catalog;

    @MockitoBean
    RoutingWorkflow workflow;

    // ---- preview

    @Test
    void previewOfAValidPlanAnswersYamlResourcesAndDiagnostics() throws Exception {
        when(workflow.preview(Fixtures.plan(80, 20)))
                .thenReturn(Fixtures.preview(Fixtures.plan(80, 20), Fixtures.withoutRouting()));

        post("/api/v1/routing/preview", PLAN_80_20)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.yaml").value(startsWith("apiVersion: networking.istio.io/v1\nkind: DestinationRule")))
                .andExpect(jsonPath("$.yaml").value(containsString("weight: 80")))
                .andExpect(jsonPath("$.resources", hasSize(2)))
                .andExpect(jsonPath("$.resources[0].kind").value("DestinationRule"))
                .andExpect(jsonPath("$.resources[0].namespace").value("default"))
                .andExpect(jsonPath("$.resources[0].name").value("reviews"))
                .andExpect(jsonPath("$.resources[0].action").value("create"))
                .andExpect(jsonPath("$.resources[1].kind").value("VirtualService"))
                .andExpect(jsonPath("$.diagnostics", hasSize(0)))
                .andExpect(jsonPath("$.baseVersion").value("0.0"));
    }

    @Test
    void previewOfAPlanWithErrorsIs422WithTheDiagnostics() throws Exception {
        when(workflow.preview(Fixtures.plan(50, 30)))
                .thenReturn(Fixtures.preview(Fixtures.plan(50, 30), Fixtures.withoutRouting()));

        post("/api/v1/routing/preview", SUM_80)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.yaml").value(""))
                .andExpect(jsonPath("$.diagnostics", hasSize(1)))
                .andExpect(jsonPath("$.diagnostics[0].code").value("WEIGHT_SUM"))
                .andExpect(jsonPath("$.diagnostics[0].istioCode").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.diagnostics[0].severity").value("ERROR"))
                .andExpect(jsonPath("$.diagnostics[0].message")
                        .value("The weights add up to 80 %, they must add up to 100 %."))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].route"));
    }

    @Test
    void previewAsYamlAnswersTheYamlTextOnly() throws Exception {
        var preview = Fixtures.preview(Fixtures.plan(80, 20), Fixtures.withoutRouting());
        when(workflow.preview(Fixtures.plan(80, 20))).thenReturn(preview);

        MockHttpServletResponse response = yaml("/api/v1/routing/preview", PLAN_80_20);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_YAML)).isTrue();
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(preview.yaml());
        assertThat(new Load(LoadSettings.builder().build()).loadAllFromString(response.getContentAsString()))
                .map(doc -> (Object) ((Map<?, ?>) doc).get("kind")).containsExactly("DestinationRule", "VirtualService");
    }

    @Test
    void previewAsYamlWithErrorsIs422WithTheDiagnosticsAsYaml() throws Exception {
        when(workflow.preview(Fixtures.plan(50, 30)))
                .thenReturn(Fixtures.preview(Fixtures.plan(50, 30), Fixtures.withoutRouting()));

        MockHttpServletResponse response = yaml("/api/v1/routing/preview", SUM_80);

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_YAML)).isTrue();
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(doc).isEqualTo(Map.of("diagnostics", List.of(Map.of("code", "WEIGHT_SUM", "severity", "ERROR",
                "message", "The weights add up to 80 %, they must add up to 100 %.", "path", "rules[0].route"))));
    }

    // ---- apply

    @Test
    void applyAnswersWhatWasApplied() throws Exception {
        when(workflow.apply(Fixtures.plan(80, 20), "5.6", null, null, false)).thenReturn(new WriteResult.Applied(List.of(
                new WriteResult.Written("DestinationRule", "default", "reviews", ObjectChange.UPDATE),
                new WriteResult.Written("VirtualService", "default", "reviews", ObjectChange.UNCHANGED))));

        post("/api/v1/routing/apply", PLAN_80_20.replace("\"service\"", "\"baseVersion\": \"5.6\", \"service\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied", hasSize(2)))
                .andExpect(jsonPath("$.applied[0].kind").value("DestinationRule"))
                .andExpect(jsonPath("$.applied[0].namespace").value("default"))
                .andExpect(jsonPath("$.applied[0].name").value("reviews"))
                .andExpect(jsonPath("$.applied[0].action").value("updated"))
                .andExpect(jsonPath("$.applied[1].action").value("unchanged"));
        verify(workflow).apply(Fixtures.plan(80, 20), "5.6", null, null, false);
    }

    @Test
    void applyOfAPlanWithErrorsIs422() throws Exception {
        when(workflow.apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean())).thenReturn(new WriteResult.Rejected(List.of(
                Diagnostic.error(DiagnosticCode.WEIGHT_SUM, "rules[0].route", 80),
                Diagnostic.warning(DiagnosticCode.NO_READY_PODS, "rules[0].route[1].version", "v2", 30))));

        post("/api/v1/routing/apply", SUM_80)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics", hasSize(2)))
                .andExpect(jsonPath("$.diagnostics[0].code").value("WEIGHT_SUM"))
                .andExpect(jsonPath("$.diagnostics[0].message").value("The weights add up to 80 %, they must add up to 100 %."))
                .andExpect(jsonPath("$.diagnostics[1].code").value("NO_READY_PODS"))
                .andExpect(jsonPath("$.diagnostics[1].severity").value("WARNING"))
                .andExpect(jsonPath("$.diagnostics[1].path").value("rules[0].route[1].version"))
                .andExpect(jsonPath("$.diagnostics[1].message")
                        .value("Version v2 has no ready pod: the 30 % sent to it would fail."));
    }

    @Test
    void aConflictIs409WithWhereToReload() throws Exception {
        when(workflow.apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean()))
                .thenReturn(new WriteResult.Conflict("VirtualService", "default", "reviews"));

        post("/api/v1/routing/apply", PLAN_80_20)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.reload").value("/api/v1/namespaces/default/services/reviews"))
                .andExpect(jsonPath("$.diagnostics[0].code").value("CONFLICT"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("baseVersion"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("Nothing was written")));
    }

    @Test
    void aFailedWriteIs502SayingWhatWasPutBack() throws Exception {
        when(workflow.apply(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean())).thenReturn(new WriteResult.Failed(
                "VirtualService default/reviews", "HTTP 500", false, 500,
                List.of("DestinationRule default/reviews"), List.of("Gateway default/reviews")));

        post("/api/v1/routing/apply", PLAN_80_20)
                .andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.diagnostics[0].code").value("CLUSTER_WRITE_FAILED"))
                .andExpect(jsonPath("$.diagnostics[0].message").value("Writing VirtualService default/reviews failed: HTTP 500"))
                .andExpect(jsonPath("$.restored[0]").value("DestinationRule default/reviews"))
                .andExpect(jsonPath("$.notRestored[0]").value("Gateway default/reviews"));
    }

    // ---- unreadable bodies: 400 naming the field, the workflow never sees them

    @Test
    void anUnknownFieldIs400NamingIt() throws Exception {
        post("/api/v1/routing/apply", """
                {"namespace": "default", "service": "reviews",
                 "rules": [{"route": [{"version": "v1", "weight": 100}], "corsPolicy": {}}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics", hasSize(1)))
                .andExpect(jsonPath("$.diagnostics[0].code").value("UNKNOWN_FIELD"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].corsPolicy"))
                .andExpect(jsonPath("$.diagnostics[0].message")
                        .value("Unknown field 'corsPolicy': it is not part of a routing plan."));
        verifyNoInteractions(workflow);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        for (String body : List.of("{\"namespace\": ", "not json", "")) {
            post("/api/v1/routing/preview", body)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.diagnostics[0].code").value("MALFORMED_REQUEST"))
                    .andExpect(jsonPath("$.diagnostics[0].path").value("body"))
                    .andExpect(jsonPath("$.diagnostics[0].message")
                            .value(startsWith("The request body could not be read: ")));
        }
        verifyNoInteractions(workflow);
    }

    @Test
    void aSyntaxErrorInsideTheBodyIsMalformedTooAndSaysWhere() throws Exception {
        post("/api/v1/routing/preview", "{\"rules\": [{\"route\": [{\"version\": \"v1\", \"weight\": }]}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].code").value("MALFORMED_REQUEST"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].route[0]"));
        post("/api/v1/routing/preview", "{\"rules\": [{\"route\": [")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].code").value("MALFORMED_REQUEST"));
        verifyNoInteractions(workflow);
    }

    @Test
    void aWeightOutOfIntRangeIsAnInvalidValueAtItsPath() throws Exception {
        post("/api/v1/routing/preview", PLAN_80_20.replace("80", "99999999999"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].code").value("INVALID_VALUE"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].route[0].weight"));
    }

    @Test
    void aWeightThatIsNotANumberIs400AtItsPath() throws Exception {
        post("/api/v1/routing/preview", PLAN_80_20.replace("80", "\"abc\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].code").value("INVALID_VALUE"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].route[0].weight"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(startsWith("Invalid value: ")));
        verifyNoInteractions(workflow);
    }

    @Test
    void aFractionalWeightIs400InsteadOfBeingTruncated() throws Exception {
        post("/api/v1/routing/apply", PLAN_80_20.replace("20", "10.5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].code").value("INVALID_VALUE"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].route[1].weight"));
        verifyNoInteractions(workflow);
    }

    // ---- delete

    @Test
    void deleteAnswersWhatWasDeleted() throws Exception {
        when(workflow.delete("default", "reviews", false)).thenReturn(new WriteResult.Applied(List.of(
                new WriteResult.Written("VirtualService", "default", "reviews", ObjectChange.DELETE),
                new WriteResult.Written("DestinationRule", "default", "reviews", ObjectChange.DELETE))));

        mvc.perform(delete("/api/v1/namespaces/default/services/reviews/routing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deleted", hasSize(2)))
                .andExpect(jsonPath("$.deleted[0].kind").value("VirtualService"))
                .andExpect(jsonPath("$.deleted[0].action").value("deleted"))
                .andExpect(jsonPath("$.deleted[1].kind").value("DestinationRule"));
    }

    @Test
    void deletingUnmanagedRoutingIs422() throws Exception {
        when(workflow.delete("default", "reviews", false)).thenReturn(new WriteResult.Rejected(List.of(
                Diagnostic.error(DiagnosticCode.UNMANAGED_ROUTING, "service", "VirtualService default/reviews-legacy"))));

        mvc.perform(delete("/api/v1/namespaces/default/services/reviews/routing"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("UNMANAGED_ROUTING"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("VirtualService default/reviews-legacy")));
    }

    private ResultActions post(String url, String json) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(url)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).content(json));
    }

    private MockHttpServletResponse yaml(String url, String json) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(url)
                .contentType(MediaType.APPLICATION_JSON).accept("application/yaml").content(json))
                .andReturn().getResponse();
    }
}
