package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Simulations;
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

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** #16 the routing rules editor: page, form → plan, the editor's buttons, diagnostics beside its inputs. */
@WebMvcTest(RoutingFormController.class)
@Import(WebTestConfig.class)
@WithMockUser(roles = "ADMIN")
class RulesEditorControllerTest {

    private static final String URL = "/services/default/reviews/rules";

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

    @Test
    void aServiceWithoutRoutingOpensWithTheCatchAllAndThePolicySection() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(get(URL));

        assertThat(Html.text(html, "rule-0-title")).isEqualTo("Everything else");
        assertThat(Html.element(html, "w-0-0")).contains("value=\"100\"");
        assertThat(Html.element(html, "w-0-1")).contains("value=\"0\"");
        assertThat(html).contains("id=\"policy-section\"", "id=\"p-all-5xx\"", "id=\"p-v-v2-interval\"");
        verify(workflow).preview(planCaptor().capture(), any());
    }

    @Test
    void theExampleOfTheIssueBecomesItsPlan() throws Exception {
        given(Fixtures.withoutRouting());

        ok(example(post(URL + "/preview")));

        ArgumentCaptor<RoutingPlan> plan = planCaptor();
        verify(workflow, atLeastOnce()).preview(plan.capture(), any());
        RoutingPlan p = plan.getValue();
        assertThat(p.rules()).hasSize(2);
        assertThat(p.rules().get(0).match()).containsExactly(new MatchCondition(null,
                Map.of("x-beta", new StringMatch("true", null, null)), null, null, null));
        assertThat(p.rules().get(0).route()).containsExactly(new WeightedDestination("v2", null));
        Rule rest = p.rules().get(1);
        assertThat(rest.route()).containsExactly(new WeightedDestination("v1", 90), new WeightedDestination("v2", 10));
        assertThat(rest.mirror()).isEqualTo(new Mirror("v2", 10.0));
        assertThat(rest.timeout()).isEqualTo("2s");
        assertThat(p.trafficPolicy()).isEqualTo(new TrafficPolicy(null, null, null,
                new TrafficPolicy.OutlierDetection(5, "10s", "30s", null)));
        assertThat(p.versionPolicies()).isEmpty();
    }

    @Test
    void aBadNumberIsShownBesideItsInput() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(example(post(URL + "/preview")).param("editor[1].abortStatus", "x")
                .param("policies[0].maxConnections", "lots"));

        assertThat(Html.element(html, "e-f-1")).contains("data-field=\"rules[1].fault.abort.httpStatus\"",
                "hx-swap-oob");
        assertThat(Html.element(html, "e-p-all-pool"))
                .contains("data-field=\"trafficPolicy.connectionPool.tcp.maxConnections\"");
    }

    @Test
    void addingARuleInsertsItBeforeTheCatchAllAndFocusesItsField() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(example(post(URL + "/editor")).param("op", "add-rule"));

        assertThat(Html.openingTag(html, "rules-editor")).contains("data-focus=\"c-1-0-0-field\"");
        assertThat(Html.text(html, "rule-1-title")).isEqualTo("Rule 2");
        assertThat(Html.text(html, "rule-2-title")).isEqualTo("Everything else");
        assertThat(Html.element(html, "w-2-0")).contains("value=\"90\"");
    }

    @Test
    void movingARuleDownKeepsFocusOnItsMoveButton() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(threeRules(post(URL + "/editor")).param("op", "move-down:0"));

        assertThat(Html.openingTag(html, "rules-editor")).contains("data-focus=\"rule-1-up\"");
        assertThat(Html.element(html, "c-0-0-0-value")).contains("value=\"/api\"");
        assertThat(Html.element(html, "c-1-0-0-value")).contains("value=\"true\"");
        // the catch-all stays last and cannot move
        assertThat(html).doesNotContain("id=\"rule-2-up\"");
        String refused = ok(threeRules(post(URL + "/editor")).param("op", "move-down:1"));
        assertThat(Html.openingTag(refused, "rules-editor")).doesNotContain("data-focus");
    }

    @Test
    void aQuickStartOpensInTheEditorPrefilled() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(post("/services/default/reviews/header/open-rules").with(
                        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("rules[0].name", "x-canary").param("rules[0].op", "exact").param("rules[0].value", "true")
                .param("rules[0].version", "v2").param("defaultVersion", "v1"));

        assertThat(Html.text(html, "rule-0-title")).isEqualTo("Rule 1");
        assertThat(Html.element(html, "c-0-0-0-name")).contains("value=\"x-canary\"");
        assertThat(Html.text(html, "rule-1-title")).isEqualTo("Everything else");
        assertThat(html).contains("hx-post=\"/services/default/reviews/rules/preview\"");
    }

    @Test
    void theQuickStartsOfferTheEditor() throws Exception {
        given(Fixtures.managed(90, 10));

        String html = ok(get("/services/default/reviews/weighted"));

        assertThat(Html.openingTag(html, "open-in-editor"))
                .contains("data-open-rules=\"/services/default/reviews/weighted/open-rules\"");
    }

    @Test
    void underTheGatewayApiTheEditorSaysWhereFaultsAndPoliciesGo() throws Exception {
        ServiceDetail service = Fixtures.withoutRouting();
        when(catalog.service(Fixtures.NS, Fixtures.NAME)).thenReturn(Optional.of(service));
        when(workflow.preview(any(), any())).thenAnswer(call -> {
            dev.trafficwizard.workflow.Preview p = Fixtures.preview(call.<RoutingPlan>getArgument(0), service);
            return new dev.trafficwizard.workflow.Preview(p.diagnostics(), p.resources(), p.yaml(), p.baseVersion(),
                    null, null, List.of(), List.of(), new dev.trafficwizard.workflow.ApiChoice(
                    dev.trafficwizard.routing.RoutingApi.GATEWAY_API, dev.trafficwizard.workflow.ApiChoice.Reason.PLAN,
                    Fixtures.NS));
        });

        String html = ok(example(post(URL + "/preview")).param("api", "gateway-api"));

        assertThat(Html.text(html, "fault-note-1")).isEqualTo(msg("editor.fault.gatewayApi"));
        assertThat(Html.openingTag(html, "fault-note-1")).contains("hx-swap-oob");
        assertThat(Html.text(html, "policy-api-note")).isEqualTo(msg("policy.gatewayApi"));
    }

    @Test
    void craftedFieldsAndOpsAreAnsweredNotFailed() throws Exception {
        given(Fixtures.withoutRouting());

        String html = ok(example(post(URL + "/preview")).param("editor[0].match[0].conds[0].field", "<script>")
                .param("editor[48].match[48].conds[48].op", "exact").param("editor[0].timeout", "2s"));
        assertThat(html).contains("data-code=\"UNKNOWN_CHOICE\"").doesNotContain("<script>");
        for (String op : List.of("move-up:999", "remove-rule:-1", "remove-condition:0:9:9", "nonsense", "focus:<x>")) {
            String editor = ok(example(post(URL + "/editor")).param("op", op));
            assertThat(editor).contains("id=\"rules-editor\"").doesNotContain("<x>");
        }
    }

    private MockHttpServletRequestBuilder threeRules(MockHttpServletRequestBuilder request) {
        return example(request)
                .param("editor[2].version[0]", "v1").param("editor[2].weight[0]", "100")
                .param("editor[1].match[0].conds[0].field", "uri")
                .param("editor[1].match[0].conds[0].op", "prefix")
                .param("editor[1].match[0].conds[0].value", "/api");
    }

    private MockHttpServletRequestBuilder example(MockHttpServletRequestBuilder request) {
        return request.header("HX-Request", "true")
                .param("editor[0].match[0].conds[0].field", "header")
                .param("editor[0].match[0].conds[0].name", "X-Beta")
                .param("editor[0].match[0].conds[0].op", "exact")
                .param("editor[0].match[0].conds[0].value", "true")
                .param("editor[0].version[0]", "v1").param("editor[0].weight[0]", "0")
                .param("editor[0].version[1]", "v2").param("editor[0].weight[1]", "100")
                .param("editor[1].version[0]", "v1").param("editor[1].weight[0]", "90")
                .param("editor[1].version[1]", "v2").param("editor[1].weight[1]", "10")
                .param("editor[1].mirrorVersion", "v2").param("editor[1].mirrorPercent", "10")
                .param("editor[1].timeout", "2s")
                .param("policies[0].scope", "").param("policies[0].consecutive5xx", "5")
                .param("policies[0].interval", "10s").param("policies[0].baseEjectionTime", "30s")
                .param("policies[1].scope", "v1").param("policies[2].scope", "v2");
    }

    @SuppressWarnings("unchecked")
    private static ArgumentCaptor<RoutingPlan> planCaptor() {
        return ArgumentCaptor.forClass(RoutingPlan.class);
    }

    private void given(ServiceDetail service) {
        when(catalog.service(Fixtures.NS, Fixtures.NAME)).thenReturn(Optional.of(service));
        when(workflow.preview(any(), any())).thenAnswer(call -> Fixtures.preview(call.<RoutingPlan>getArgument(0), service));
    }

    private String ok(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }
}
