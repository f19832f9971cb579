package dev.trafficwizard.workflow;

import java.time.Duration;
import org.awaitility.Awaitility;
import com.jayway.jsonpath.JsonPath;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** History and rollback through the REST API, stored in the (demo) cluster itself. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class HistoryIntegrationTest {

    static final String PLAN = """
            {"namespace":"bookinfo","service":"reviews",
             "rules":[{"route":[{"version":"v1","weight":%d},{"version":"v2","weight":%d}]}]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void cleanUp() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews", "ratings");
        client.adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo").withName("ratings-legacy")
                .delete();
        client.configMaps().inNamespace("bookinfo").delete();
    }

    void apply(int v1, int v2) throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(PLAN.formatted(v1, v2)))
                .andExpect(status().isOk());
    }

    List<Integer> liveWeights() {
        return catalog.service("bookinfo", "reviews").orElseThrow().virtualService().getSpec().getHttp().get(0)
                .getRoute().stream().map(r -> r.getWeight()).toList();
    }

    @Test
    void everyChangeIsARevisionAndRollbackGoesThroughTheNormalApply() throws Exception {
        apply(90, 10);
        apply(50, 50);
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].number").value(2))
                .andExpect(jsonPath("$[0].action").value("apply"))
                .andExpect(jsonPath("$[0].outcome").value("applied"))
                .andExpect(jsonPath("$[0].plan.rules[0].route[0].weight").value(50))
                .andExpect(jsonPath("$[0].yaml").value(org.hamcrest.Matchers.containsString("weight: 50")))
                .andExpect(jsonPath("$[0].objects[0]").value("updated VirtualService bookinfo/reviews"))
                .andExpect(jsonPath("$[1].number").value(1));

        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/history/1/rollback"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied[1].action").value("updated"));
        assertThat(liveWeights()).containsExactly(90, 10);

        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/history/99/rollback"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("UNKNOWN_REVISION"));

        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/history/2/rollback")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"baseVersion\":\"1.1\"}"))
                .andExpect(status().isConflict());
        assertThat(liveWeights()).containsExactly(90, 10);

        dev.trafficwizard.AsAdmin.run(() -> workflow.delete("bookinfo", "reviews"));
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].action").value("delete"))
                .andExpect(jsonPath("$[0].objects[0]").value("deleted VirtualService bookinfo/reviews"))
                .andExpect(jsonPath("$[1].action").value("rollback to #1"))
                .andExpect(jsonPath("$[1].outcome").value("applied"));
    }

    /** #13: actions, outcomes and object changes are named, shown in the reader's language. */
    @Test
    void theHistoryPageNamesActionsAndOutcomesInTheReadersLanguage() throws Exception {
        apply(90, 10);
        apply(50, 50);
        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/history/1/rollback")).andExpect(status().isOk());
        Document english = history(null);
        assertThat(english.selectFirst("#revision-3 .card-header").text()).contains("#3 applied rollback to #1");
        assertThat(english.selectFirst("#revision-3 .card-body li").text())
                .isEqualTo("updated VirtualService bookinfo/reviews");
        assertThat(english.selectFirst("#revision-2 .card-header").text()).contains("#2 applied apply");

        Document korean = history("ko");
        assertThat(korean.selectFirst("#revision-3 .card-header").text()).contains("#3 적용됨 #1(으)로 롤백");
        assertThat(korean.selectFirst("#revision-3 .card-body li").text())
                .isEqualTo("업데이트됨 VirtualService bookinfo/reviews");
        assertThat(korean.selectFirst("#revision-2 .card-header").text()).contains("#2 적용됨 적용")
                .doesNotContain("applied", "apply");
    }

    /** An entry written by an older version (action and outcome as free text) still reads and rolls back. */
    @Test
    void entriesWrittenByEarlierVersionsStillRead() throws Exception {
        apply(90, 10);
        ConfigMap map = client.configMaps().inNamespace("bookinfo").withName("traffic-wizard-history-reviews").get();
        String old = "[{\"number\":7,\"time\":\"2025-01-01T00:00:00Z\",\"user\":\"alice\","
                + "\"action\":\"rollback to #3\",\"form\":\"weighted\",\"plan\":"
                + PLAN.formatted(70, 30).replace("\n", "") + ",\"yaml\":\"\",\"outcome\":\"applied\","
                + "\"message\":null,\"objects\":[\"updated VirtualService bookinfo/reviews\"]}]";
        map.getData().put("revisions.json", old);
        client.resource(map).update();
        // in this thread: the test's user is held per thread
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInSameThread()
                .until(() -> !history("ko").select("#revision-7").isEmpty());
        assertThat(history("ko").selectFirst("#revision-7 .card-header").text()).contains("#7 적용됨 #3(으)로 롤백");
        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/history/7/rollback")).andExpect(status().isOk());
        assertThat(liveWeights()).containsExactly(70, 30);
    }

    /** #13: a form opened on a revision says so when applied; the server checks that revision exists. */
    @Test
    void aRollbackFromTheFormMustNameARevisionOfThisService() throws Exception {
        apply(90, 10);
        String refused = mvc.perform(post("/services/bookinfo/reviews/weighted/apply").header("HX-Request", "true")
                        .param("version", "v1", "v2").param("weight", "60", "40").param("rollbackOf", "42"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(refused).text()).contains("There is no revision 42 in this service's history.");
        assertThat(liveWeights()).containsExactly(90, 10);

        mvc.perform(post("/services/bookinfo/reviews/weighted/apply").header("HX-Request", "true")
                        .param("version", "v1", "v2").param("weight", "60", "40").param("rollbackOf", "1"))
                .andExpect(status().isOk());
        assertThat(liveWeights()).containsExactly(60, 40);
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].action").value("rollback to #1"));
    }

    /** A delete revision has no plan: a form cannot be recorded as a rollback to it. */
    @Test
    void aFormCannotClaimToRollBackToADeletion() throws Exception {
        apply(90, 10);
        dev.trafficwizard.AsAdmin.run(() -> workflow.delete("bookinfo", "reviews"));
        String refused = mvc.perform(post("/services/bookinfo/reviews/weighted/apply").header("HX-Request", "true")
                        .param("version", "v1", "v2").param("weight", "60", "40").param("rollbackOf", "2"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(refused).text()).contains("Revision 2 removed the routing");
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].action").value("delete"));
    }

    /** #13: a form's revision is answered and stored with the form's text, and the page names the form. */
    @Test
    void aFormsRevisionCarriesItsFormTextTheApisDoesNot() throws Exception {
        apply(90, 10);
        mvc.perform(post("/services/bookinfo/reviews/weighted/apply").header("HX-Request", "true")
                        .param("version", "v1", "v2").param("weight", "60", "40"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].form").value("weighted"))
                .andExpect(jsonPath("$[1].form").doesNotExist());
        assertThat(history(null).text()).contains("from the Weighted routing form");
    }

    Document history(String language) throws Exception {
        var request = get("/services/bookinfo/reviews/history");
        if (language != null) {
            request.cookie(new jakarta.servlet.http.Cookie("tw-lang", language));
        }
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    /** Issue #12 finding 6: refused attempts go to the audit log; they never push applied revisions out. */
    /** #13: a viewer's "Roll back to this" used to be a link into the form that ended in 403. */
    @Test
    void viewersSeeRollbackDisabledWithTheReasonOperatorsGetTheLink() throws Exception {
        apply(80, 20);
        apply(50, 50);
        Document asViewer = Jsoup.parse(mvc.perform(get("/services/bookinfo/reviews/history")
                .with(httpBasic("viewer", "viewer"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
        Element button = asViewer.selectFirst("#rollback-1");
        assertThat(button.tagName()).isEqualTo("button");
        assertThat(button.hasAttr("disabled")).isTrue();
        assertThat(asViewer.selectFirst("#" + button.attr("aria-describedby")).text())
                .isEqualTo("Only operators of bookinfo and admins can roll back.");
        Document asOperator = Jsoup.parse(mvc.perform(get("/services/bookinfo/reviews/history")
                .with(httpBasic("operator", "operator"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
        assertThat(asOperator.selectFirst("#rollback-1").attr("href"))
                .isEqualTo("/services/bookinfo/reviews/weighted?revision=1");
        assertThat(asOperator.selectFirst("#rollback-1-reason")).isNull();
    }

    @Test
    void conflictingAttemptsAreAuditedButDoNotPushAppliedRevisionsOutOfTheHistory() throws Exception {
        apply(90, 10);
        apply(50, 50);
        try (dev.trafficwizard.security.AuditLines audit = new dev.trafficwizard.security.AuditLines()) {
            for (int i = 0; i < 25; i++) {
                mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(
                                PLAN.formatted(10, 90).replaceFirst("}$", ",\"baseVersion\":\"made-up." + i + "\"}")))
                        .andExpect(status().isConflict());
            }
            assertThat(audit.objects()).filteredOn(l -> "conflict".equals(l.get("outcome").asString()))
                    .hasSize(25).allSatisfy(l -> assertThat(l.get("service").asString()).isEqualTo("reviews"));
        }
        String body = mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andReturn().getResponse().getContentAsString();
        List<Integer> numbers = JsonPath.read(body, "$[*].number");
        List<String> outcomes = JsonPath.read(body, "$[*].outcome");
        assertThat(numbers).containsExactly(2, 1);
        assertThat(outcomes).containsOnly("applied");

        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/history/1/rollback"))
                .andExpect(status().isOk());
        assertThat(liveWeights()).containsExactly(90, 10);
    }

    @Test
    void theHistoryKeepsTheLast20AppliedAndAFewFailedRevisionsApart() {
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            entries.add("{\"number\":" + i + ",\"outcome\":\"" + (i % 3 == 0 ? "failed" : "applied") + "\"}");
        }
        List<String> kept = History.trimmed(entries);
        assertThat(kept).filteredOn(e -> e.contains("applied")).hasSize(History.KEEP)
                .last().asString().contains("\"number\":29");
        assertThat(kept).filteredOn(e -> e.contains("failed")).hasSize(History.KEEP_FAILED)
                .last().asString().contains("\"number\":30");
    }

    @Test
    void historyIsAConfigMapInTheServicesNamespaceKeepingTheLast20() throws Exception {
        for (int i = 0; i < 22; i++) {
            apply(100 - i, i);
        }
        ConfigMap map = client.configMaps().inNamespace("bookinfo").withName("traffic-wizard-history-reviews").get();
        assertThat(map.getMetadata().getLabels()).containsEntry("traffic-wizard.io/history", "true")
                .containsEntry("app.kubernetes.io/managed-by", "traffic-wizard");
        String body = mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andReturn().getResponse().getContentAsString();
        List<Integer> numbers = JsonPath.read(body, "$[*].number");
        assertThat(numbers).hasSize(20).first().isEqualTo(22);
        assertThat(numbers).last().isEqualTo(3);
    }

    @Test
    void takingOverAddsOnlyTheLabelAndIsRecorded() throws Exception {
        client.resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("ratings-legacy").withNamespace("bookinfo").addToLabels("team", "books")
                .endMetadata()
                .withNewSpec().withHosts("ratings").addNewHttp().addNewRoute().withNewDestination()
                .withHost("ratings").endDestination().endRoute().endHttp().endSpec().build()).create();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.service("bookinfo", "ratings").orElseThrow().routing() == RoutingState.UNMANAGED);
        var before = client.adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo")
                .withName("ratings-legacy").get();

        dev.trafficwizard.AsAdmin.run(() -> workflow.takeOver("bookinfo", "ratings", RoutingWorkflow.takeOverVersion(
                catalog.service("bookinfo", "ratings").orElseThrow())));

        var after = client.adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo")
                .withName("ratings-legacy").get();
        assertThat(after.getSpec()).isEqualTo(before.getSpec());
        assertThat(after.getMetadata().getLabels()).containsEntry("team", "books")
                .containsEntry("app.kubernetes.io/managed-by", "traffic-wizard");
        assertThat(catalog.service("bookinfo", "ratings").orElseThrow().routing()).isEqualTo(RoutingState.MANAGED);
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/ratings/history"))
                .andExpect(jsonPath("$[0].action").value("take over"))
                .andExpect(jsonPath("$[0].objects[0]").value("updated VirtualService bookinfo/ratings-legacy"));
    }
}
