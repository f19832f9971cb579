package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.hostile.ClusterSnapshot;
import dev.trafficwizard.security.AuditLines;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * #18 own: routing that Argo CD or Flux owns (its own mark, or its namespace's) is refused to every write
 * path, nothing written, with OWNED_BY_OTHER_TOOL naming tool, owner and object; an admin's explicit
 * acknowledgement writes it and is recorded; an operator's is ignored; the preview warns; pages show the owner.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class OwnershipIntegrationTest {

    static final String PLAN = """
            {"namespace":"bookinfo","service":"reviews",
             "rules":[{"route":[{"version":"v1","weight":%d},{"version":"v2","weight":%d}]}]%s}""";
    static final String TRACKING = "shop:networking.istio.io/VirtualService:bookinfo/reviews";
    static final String ARGO_REFUSAL = "VirtualService bookinfo/reviews is managed by Argo CD (Application shop, "
            + "annotation argocd.argoproj.io/tracking-id)";

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;
    @Autowired
    Ownership ownership;

    @AfterEach
    void cleanUp() {
        client.namespaces().withName("bookinfo").edit(ns -> {
            if (ns.getMetadata().getLabels() != null) {
                ns.getMetadata().getLabels().keySet().removeIf(k -> k.startsWith("kustomize.toolkit.fluxcd.io/"));
            }
            return ns;
        });
        var istio = client.adapt(IstioClient.class).v1();
        istio.virtualServices().inNamespace("bookinfo").list().getItems()
                .forEach(vs -> istio.virtualServices().resource(vs).delete());
        istio.destinationRules().inNamespace("bookinfo").list().getItems()
                .forEach(dr -> istio.destinationRules().resource(dr).delete());
        client.configMaps().inNamespace("bookinfo").delete();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ownership.owners("bookinfo", "reviews").isEmpty()
                && catalog.service("bookinfo", "reviews").orElseThrow().routingObjects().isEmpty());
    }

    void applyRest(int v1, int v2) throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                .content(PLAN.formatted(v1, v2, ""))).andExpect(status().isOk());
    }

    /** Argo CD's annotation on the VirtualService reviews, as Argo CD would set it. */
    void trackByArgoCd() {
        client.adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo").withName("reviews").edit(vs -> {
            Map<String, String> annotations = new LinkedHashMap<>();
            if (vs.getMetadata().getAnnotations() != null) {
                annotations.putAll(vs.getMetadata().getAnnotations());
            }
            annotations.put("argocd.argoproj.io/tracking-id", TRACKING);
            vs.getMetadata().setAnnotations(annotations);
            return vs;
        });
        awaitOwner("Argo CD: shop");
    }

    void fluxNamespace() {
        client.namespaces().withName("bookinfo").edit(ns -> {
            Map<String, String> labels = new LinkedHashMap<>();
            if (ns.getMetadata().getLabels() != null) {
                labels.putAll(ns.getMetadata().getLabels());
            }
            labels.put("kustomize.toolkit.fluxcd.io/name", "apps");
            labels.put("kustomize.toolkit.fluxcd.io/namespace", "flux-system");
            ns.getMetadata().setLabels(labels);
            return ns;
        });
        awaitOwner("Flux: apps");
    }

    void awaitOwner(String badge) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ownership.owners("bookinfo", "reviews")
                .stream().anyMatch(o -> o.badge().equals(badge)));
    }

    List<Integer> liveWeights() {
        return catalog.service("bookinfo", "reviews").orElseThrow().virtualService().getSpec().getHttp().get(0)
                .getRoute().stream().map(r -> r.getWeight()).toList();
    }

    MockHttpServletRequestBuilder asOperator(MockHttpServletRequestBuilder request) {
        return request.with(user("olivia").roles("OPERATOR"));
    }

    @Test
    void aServiceAnArgoRolloutShapesIsRefusedNamingTheRolloutUntilAnAdminAcknowledges() throws Exception {
        String details = PLAN.replace("reviews", "details");
        var before = ClusterSnapshot.of(client);
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(50, 50, "")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("OWNED_BY_OTHER_TOOL"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("Argo Rollouts"),
                        org.hamcrest.Matchers.containsString("Rollout details"))));
        assertThat(ClusterSnapshot.of(client)).isEqualTo(before);
        assertThat(ownership.listed("bookinfo", "details")).extracting(o -> o.badge())
                .contains("Argo Rollouts: details");

        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(50, 50, ",\"acknowledgeOwner\":true")))
                .andExpect(status().isOk());
    }

    @Test
    void anArgoCdTrackedVirtualServiceIsRefusedToApplyRollbackAndDeleteUntilAnAdminAcknowledges() throws Exception {
        applyRest(90, 10);
        trackByArgoCd();

        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(PLAN.formatted(50, 50, "")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'OWNED_BY_OTHER_TOOL')].severity").value(hasItem("WARNING")));

        var before = ClusterSnapshot.of(client);
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(PLAN.formatted(50, 50, "")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("OWNED_BY_OTHER_TOOL"))
                .andExpect(jsonPath("$.diagnostics[0].path").value(""))
                .andExpect(jsonPath("$.diagnostics[0].message").value(org.hamcrest.Matchers.startsWith(ARGO_REFUSAL)))
                .andExpect(jsonPath("$.diagnostics[0].message").value(org.hamcrest.Matchers.containsString("Git")));
        // an operator's acknowledgement is ignored
        mvc.perform(asOperator(post("/api/v1/routing/apply")).contentType(MediaType.APPLICATION_JSON)
                        .content(PLAN.formatted(50, 50, ",\"acknowledgeOwner\":true")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("OWNED_BY_OTHER_TOOL"));
        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/history/1/rollback"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("OWNED_BY_OTHER_TOOL"));
        mvc.perform(delete("/api/v1/namespaces/bookinfo/services/reviews/routing"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].message").value(org.hamcrest.Matchers.startsWith(ARGO_REFUSAL)));
        mvc.perform(asOperator(delete("/api/v1/namespaces/bookinfo/services/reviews/routing"))
                        .param("acknowledgeOwner", "true"))
                .andExpect(status().isUnprocessableContent());
        assertThat(ClusterSnapshot.of(client)).isEqualTo(before);
        assertThat(liveWeights()).containsExactly(90, 10);

        try (AuditLines audit = new AuditLines()) {
            mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                            .content(PLAN.formatted(50, 50, ",\"acknowledgeOwner\":true")))
                    .andExpect(status().isOk());
            assertThat(audit.objects()).anySatisfy(l -> assertThat(l.get("message").asString())
                    .isEqualTo("overrode Argo CD ownership of VirtualService bookinfo/reviews"));
        }
        assertThat(liveWeights()).containsExactly(50, 50);
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].outcome").value("applied"))
                .andExpect(jsonPath("$[0].message").value("overrode Argo CD ownership of VirtualService bookinfo/reviews"))
                .andExpect(jsonPath("$[1].message").doesNotExist());

        trackByArgoCd();
        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/history/1/rollback")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"acknowledgeOwner\":true}"))
                .andExpect(status().isOk());
        assertThat(liveWeights()).containsExactly(90, 10);
        trackByArgoCd();
        mvc.perform(delete("/api/v1/namespaces/bookinfo/services/reviews/routing").param("acknowledgeOwner", "true"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].action").value("delete"))
                .andExpect(jsonPath("$[0].message").value("overrode Argo CD ownership of VirtualService bookinfo/reviews"));
    }

    @Test
    void aFluxNamespaceOwnsItsRoutingTheFormWarnsAndOnlyAnAdminMayAcknowledge() throws Exception {
        fluxNamespace();
        String preview = form(post("/services/bookinfo/reviews/weighted/preview"));
        Document page = Jsoup.parse(preview);
        assertThat(page.select("[data-code=OWNED_BY_OTHER_TOOL]").text())
                .contains("VirtualService bookinfo/reviews is managed by Flux (Kustomization apps, label "
                        + "kustomize.toolkit.fluxcd.io/name");
        assertThat(page.getElementById("acknowledge-owner")).isNotNull();
        Document operators = Jsoup.parse(form(asOperator(post("/services/bookinfo/reviews/weighted/preview"))));
        assertThat(operators.select("[data-code=OWNED_BY_OTHER_TOOL]")).isNotEmpty();
        assertThat(operators.getElementById("acknowledge-owner")).isNull();

        var before = ClusterSnapshot.of(client);
        String refused = form(post("/services/bookinfo/reviews/weighted/apply"));
        assertThat(Jsoup.parse(refused).text()).contains("is managed by Flux (Kustomization apps");
        form(asOperator(post("/services/bookinfo/reviews/weighted/apply")).param("acknowledgeOwner", "true"));
        assertThat(ClusterSnapshot.of(client)).isEqualTo(before);

        form(post("/services/bookinfo/reviews/weighted/apply").param("acknowledgeOwner", "true"));
        assertThat(liveWeights()).containsExactly(60, 40);
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].message").value(org.hamcrest.Matchers.containsString(
                        "overrode Flux ownership of VirtualService bookinfo/reviews")));
        Document history = Jsoup.parse(mvc.perform(get("/services/bookinfo/reviews/history")).andReturn()
                .getResponse().getContentAsString());
        assertThat(history.select(".tw-override").text()).contains("overrode Flux ownership of VirtualService bookinfo/reviews");

        // the service page and the services list name the owner
        Document service = Jsoup.parse(mvc.perform(get("/services/bookinfo/reviews")).andReturn().getResponse()
                .getContentAsString());
        assertThat(service.select(".tw-owner").text()).isEqualTo("Flux: apps");
        assertThat(service.selectFirst(".tw-owner").attr("title")).contains("kustomize.toolkit.fluxcd.io/name");
        assertThat(service.getElementById("acknowledge-owner-delete")).isNotNull();
        Document operatorsPage = Jsoup.parse(mvc.perform(asOperator(get("/services/bookinfo/reviews"))).andReturn()
                .getResponse().getContentAsString());
        assertThat(operatorsPage.select(".tw-owner").text()).isEqualTo("Flux: apps");
        assertThat(operatorsPage.getElementById("acknowledge-owner-delete")).isNull();
        Document list = Jsoup.parse(mvc.perform(get("/services").param("namespace", "bookinfo")).andReturn()
                .getResponse().getContentAsString());
        assertThat(list.select("[data-service=reviews.bookinfo] .tw-owner, tr:has(a:containsOwn(reviews)) .tw-owner")
                .eachText()).contains("Flux: apps");
    }

    @Test
    void takingOverRoutingInAFluxNamespaceIsRefusedUnlessAnAdminAcknowledges() throws Exception {
        client.resource(new VirtualServiceBuilder().withNewMetadata().withName("reviews").withNamespace("bookinfo")
                .endMetadata().withNewSpec().withHosts("reviews").addNewHttp().addNewRoute().withNewDestination()
                .withHost("reviews").withSubset("v1").endDestination().endRoute().endHttp().endSpec().build()).create();
        client.resource(new DestinationRuleBuilder().withNewMetadata().withName("reviews").withNamespace("bookinfo")
                .endMetadata().withNewSpec().withHost("reviews").addNewSubset().withName("v1")
                .addToLabels("version", "v1").endSubset().endSpec().build()).create();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.service("bookinfo", "reviews").orElseThrow().routingObjects().size() == 2);
        fluxNamespace();
        var before = ClusterSnapshot.of(client);
        String refused = mvc.perform(post("/services/bookinfo/reviews/take-over").header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(refused).text()).contains("is managed by Flux (Kustomization apps");
        assertThat(ClusterSnapshot.of(client)).isEqualTo(before);

        mvc.perform(post("/services/bookinfo/reviews/take-over").header("HX-Request", "true")
                .param("acknowledgeOwner", "true")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].action").value("take over"))
                .andExpect(jsonPath("$[0].message").value(org.hamcrest.Matchers.containsString(
                        "overrode Flux ownership of VirtualService bookinfo/reviews")));
    }

    @Test
    void aSharedProposalForOwnedRoutingIsRefusedToApplyUntilAnAdminAcknowledges() throws Exception {
        fluxNamespace();
        String fragment = form(post("/services/bookinfo/reviews/weighted/review").param("exposure", "mesh")
                .param("sticky", "none"));
        String id = fragment.replaceAll("(?s).*/reviews/([0-9a-f]{32}).*", "$1");
        Document review = Jsoup.parse(mvc.perform(get("/reviews/" + id)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
        assertThat(review.getElementById("acknowledge-owner")).isNotNull();

        var before = ClusterSnapshot.of(client);
        String refused = mvc.perform(post("/reviews/" + id + "/apply").header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(refused).text()).contains("is managed by Flux (Kustomization apps");
        assertThat(ClusterSnapshot.of(client)).isEqualTo(before);

        mvc.perform(post("/reviews/" + id + "/apply").header("HX-Request", "true").param("acknowledgeOwner", "true"))
                .andExpect(status().isOk());
        assertThat(liveWeights()).containsExactly(60, 40);
    }

    /** A rollout's first step is a normal apply: on owned routing it is refused, and no rollout is stored. */
    @Test
    void aRolloutCannotStartOnRoutingInAFluxNamespace() throws Exception {
        fluxNamespace();
        var before = ClusterSnapshot.of(client);
        mvc.perform(post("/api/v1/namespaces/bookinfo/services/reviews/rollout").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":20},{\"weight\":100}]}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("OWNED_BY_OTHER_TOOL"));
        assertThat(ClusterSnapshot.of(client)).isEqualTo(before);
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/rollout")).andExpect(status().isNotFound());
    }

    @Test
    void theDemoShowsTheArgoCdApplicationOfLegacyBilling() throws Exception {
        Document page = Jsoup.parse(mvc.perform(get("/services/legacy/billing")).andReturn().getResponse()
                .getContentAsString());
        assertThat(page.select(".tw-owner").text()).isEqualTo("Argo CD: legacy-apps");
        assertThat(page.selectFirst(".tw-owner").attr("title")).contains("argocd.argoproj.io/tracking-id");
    }

    String form(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("HX-Request", "true").param("version", "v1", "v2").param("weight", "60", "40"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
