package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.FormKind;
import org.awaitility.Awaitility;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.cluster.ReviewStore;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Review links stored in the (demo) cluster: who may share, who may open, and expiry. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class ReviewLinksIntegrationTest {

    static final String SHARE = "/services/bookinfo/reviews/weighted/review";

    @Autowired
    MockMvc mvc;
    @Autowired
    Reviews reviews;
    @Autowired
    ReviewStore store;
    @Autowired
    KubernetesClient client;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;

    @AfterEach
    void cleanUp() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
        client.configMaps().inNamespace("bookinfo").delete();
    }

    static RoutingPlan plan(int v1, int v2) {
        return new RoutingPlan("bookinfo", "reviews", List.of(), null, List.of(new Rule(List.of(), List.of(
                new WeightedDestination("v1", v1), new WeightedDestination("v2", v2),
                new WeightedDestination("v3", 100 - v1 - v2)))), null);
    }

    List<ConfigMap> reviewConfigMaps() {
        return client.configMaps().inNamespace("bookinfo").withLabel(ReviewStore.REVIEW_LABEL, "true").list()
                .getItems();
    }

    @Test
    void aSharedProposalIsALabelledConfigMapInTheServicesNamespace() {
        Review shared = AsAdmin.get(() -> reviews.share(plan(80, 20), FormKind.WEIGHTED));

        assertThat(shared.id()).matches("[0-9a-f]{32}");
        assertThat(shared.expires()).isEqualTo(shared.created().plus(Duration.ofDays(7)));
        ConfigMap map = client.configMaps().inNamespace("bookinfo").withName("traffic-wizard-review-" + shared.id())
                .get();
        assertThat(map.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "traffic-wizard")
                .containsEntry("traffic-wizard.io/review", "true");
        assertThat(map.getData()).containsEntry("form", "weighted").containsEntry("sharedBy", "test-admin")
                .containsEntry("created", shared.created().toString())
                .containsEntry("expires", shared.expires().toString())
                .containsKey("plan.json");

        Review found = reviews.find(shared.id()).orElseThrow();
        assertThat(found.plan()).isEqualTo(plan(80, 20));
        assertThat(found.sharedBy()).isEqualTo("test-admin");
        assertThat(found.namespace()).isEqualTo("bookinfo");
        assertThat(found.expired()).isFalse();
        assertThat(reviews.find("0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(reviews.find("../../etc")).isEmpty();
    }

    @Test
    void anExpiredReviewSaysSoOnceAndIsThenRemoved() throws Exception {
        Review shared = AsAdmin.get(() -> reviews.share(plan(80, 20), FormKind.WEIGHTED));
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(7)).plusSeconds(5), ZoneOffset.UTC);
        Reviews eightDaysOn = new Reviews(store, new ReviewProperties(null), later);

        Review expired = eightDaysOn.find(shared.id()).orElseThrow();

        assertThat(expired.expired()).isTrue();
        assertThat(reviewConfigMaps()).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reviews.find(shared.id()).isEmpty());
        assertThat(reviews.find(shared.id())).isEmpty();
    }

    /** Issue #12 finding 7: housekeeping goes through the list, not through someone opening the link. */
    @Test
    void removeExpiredTakesReviewsExpiredForAnIntervalAndLeavesTheRest() throws Exception {
        String longGone = store.create("bookinfo", "reviews", ReviewLimitsIntegrationTest.data(
                Instant.now().minus(Duration.ofMinutes(20))));
        String justExpired = store.create("bookinfo", "reviews", ReviewLimitsIntegrationTest.data(
                Instant.now().minus(Duration.ofMinutes(1))));
        String open = store.create("bookinfo", "reviews", ReviewLimitsIntegrationTest.data(
                Instant.now().plus(Duration.ofDays(1))));

        assertThat(reviews.removeExpired()).isEqualTo(1);

        assertThat(reviewConfigMaps()).extracting(m -> m.getMetadata().getName()).containsExactlyInAnyOrder(
                "traffic-wizard-review-" + justExpired, "traffic-wizard-review-" + open)
                .doesNotContain("traffic-wizard-review-" + longGone);
    }

    @Test
    void anExpiredLinkShowsThatItExpired() throws Exception {
        // shared two seconds ago (by the clock it was shared with) for a millisecond: expired by now
        Reviews sharedEarlier = new Reviews(store, new ReviewProperties(Duration.ofMillis(1)),
                java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofSeconds(-2)));
        Review shared = AsAdmin.get(() -> sharedEarlier.share(plan(80, 20), FormKind.WEIGHTED));

        mvc.perform(get("/reviews/" + shared.id()).with(user("viewer").roles("VIEWER")))
                .andExpect(status().isGone())
                .andExpect(content().string(containsString("This review link has expired")))
                .andExpect(content().string(not(containsString("review-yaml"))));
        mvc.perform(get("/reviews/0123456789abcdef0123456789abcdef").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no such review")));
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void aViewerCannotShareNeitherThroughTheUrlNorTheWorkflow() throws Exception {
        // first: MockMvc clears the thread's security context when its request is done
        assertThatThrownBy(() -> reviews.share(plan(80, 20), FormKind.WEIGHTED)).isInstanceOf(AccessDeniedException.class);
        mvc.perform(post(SHARE).header("HX-Request", "true").header("HX-Target", "review-link")
                        .param("version", "v1", "v2", "v3").param("weight", "80", "10", "10"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("data-code=\"FORBIDDEN\"")));
        assertThat(reviewConfigMaps()).isEmpty();
    }

    @Test
    void anOperatorSharesAndAViewerOpensTheProposalReadOnlyWithTheDiffAgainstLive() throws Exception {
        AsAdmin.run(() -> workflow.apply(plan(90, 10), null, FormKind.WEIGHTED));

        String fragment = mvc.perform(post(SHARE).with(user("operator").roles("VIEWER", "OPERATOR"))
                        .header("HX-Request", "true").param("version", "v1", "v2", "v3")
                        .param("weight", "50", "50", "0").param("exposure", "mesh").param("sticky", "none"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("id=\"review-link\"", "id=\"review-url\"", "http://localhost/reviews/");
        String id = fragment.replaceAll("(?s).*/reviews/([0-9a-f]{32}).*", "$1");
        assertThat(reviewConfigMaps()).singleElement()
                .satisfies(m -> assertThat(m.getData()).containsEntry("sharedBy", "operator"));

        mvc.perform(get("/reviews/" + id).with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Proposed routing for bookinfo/reviews")))
                .andExpect(content().string(containsString("shared by operator")))
                .andExpect(content().string(containsString("-      weight: 90")))
                .andExpect(content().string(containsString("+      weight: 50")))
                .andExpect(content().string(containsString("id=\"review-yaml\"")))
                .andExpect(content().string(not(containsString("apply-button"))));
        mvc.perform(post("/reviews/" + id + "/simulate").with(user("viewer").roles("VIEWER"))
                        .header("HX-Request", "true").param("simPath", "/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("v1 50 %")))
                .andExpect(content().string(containsString("v2 50 %")));
    }
}
