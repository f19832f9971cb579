package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.FormKind;
import java.time.Duration;
import org.awaitility.Awaitility;
import dev.trafficwizard.cluster.ReviewStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #12 finding 7 (review links: shared only where the user may write, capped per namespace
 * and per user, expired ones removed in the background) and the review link's address (finding 9).
 */
@SpringBootTest(properties = {"traffic-wizard.cluster.mode=demo", "traffic-wizard.reviews.max-per-namespace=3",
        "traffic-wizard.reviews.max-per-user=2", "traffic-wizard.reviews.cleanup-interval=1s",
        "traffic-wizard.external-url=https://tw.example.com/tw/"})
@Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class ReviewLimitsIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Reviews reviews;
    @Autowired
    ReviewStore store;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        client.configMaps().inAnyNamespace().withLabel(ReviewStore.REVIEW_LABEL, "true").list().getItems()
                .forEach(c -> client.configMaps().resource(c).delete());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store.all().isEmpty());
    }

    static RequestPostProcessor operator(String name, String... namespaces) {
        List<String> authorities = new java.util.ArrayList<>(List.of("ROLE_VIEWER", "ROLE_OPERATOR"));
        for (String namespace : namespaces) {
            authorities.add("NAMESPACE_" + namespace);
        }
        return SecurityMockMvcRequestPostProcessors.user(name).authorities(
                AuthorityUtils.createAuthorityList(authorities.toArray(String[]::new)));
    }

    String share(String namespace, String service, RequestPostProcessor user, int expectedStatus) throws Exception {
        return mvc.perform(post("/services/" + namespace + "/" + service + "/weighted/review").with(user)
                        .header("HX-Request", "true").header("HX-Target", "review-link")
                        .param("version", versions(service)).param("weight", weights(service))
                        .param("exposure", "mesh").param("sticky", "none"))
                .andExpect(status().is(expectedStatus))
                .andReturn().getResponse().getContentAsString();
    }

    static String[] versions(String service) {
        return service.equals("reviews") ? new String[]{"v1", "v2", "v3"} : new String[]{"original", "experimental"};
    }

    static String[] weights(String service) {
        return service.equals("reviews") ? new String[]{"50", "50", "0"} : new String[]{"90", "10"};
    }

    List<ConfigMap> reviewsIn(String namespace) {
        return client.configMaps().inNamespace(namespace).withLabel(ReviewStore.REVIEW_LABEL, "true").list()
                .getItems();
    }

    @Test
    void anOperatorLimitedToBookinfoSharesThereButNotInDefault() throws Exception {
        String refused = share("default", "fleetman-webapp", operator("books", "bookinfo"), 403);
        assertThat(refused).contains("data-code=\"FORBIDDEN\"");
        assertThat(reviewsIn("default")).isEmpty();
        assertThat(share("bookinfo", "reviews", operator("books", "bookinfo"), 200)).contains("id=\"review-url\"");
        assertThat(reviewsIn("bookinfo")).hasSize(1);

        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("books", "x",
                AuthorityUtils.createAuthorityList("ROLE_OPERATOR", "NAMESPACE_bookinfo")));
        var inDefault = new dev.trafficwizard.routing.RoutingPlan("default", "fleetman-webapp", List.of(), null,
                ReviewLinksIntegrationTest.plan(80, 20).rules(), null);
        assertThatThrownBy(() -> reviews.share(inDefault, FormKind.WEIGHTED)).isInstanceOf(AccessDeniedException.class);
        SecurityContextHolder.clearContext();

        String elsewhere = mvc.perform(get("/services/default/fleetman-webapp/weighted").with(operator("books", "bookinfo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(elsewhere).doesNotContain("id=\"share-review\"");
        String own = mvc.perform(get("/services/bookinfo/reviews/weighted").with(operator("books", "bookinfo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(own).contains("id=\"share-review\"");
    }

    @Test
    void sharingStopsAtTheCapPerUserAndThenPerNamespaceSayingWhich() throws Exception {
        share("bookinfo", "reviews", operator("ann"), 200);
        share("bookinfo", "reviews", operator("ann"), 200);
        String third = share("bookinfo", "reviews", operator("ann"), 200);
        assertThat(third).contains("id=\"share-limit\"", "data-scope=\"user\"",
                "you already have 2 open review links (the limit per user)").doesNotContain("review-url");

        share("bookinfo", "reviews", operator("bob"), 200);
        String fourth = share("bookinfo", "reviews", operator("bob"), 200);
        assertThat(fourth).contains("id=\"share-limit\"", "data-scope=\"namespace\"",
                "namespace bookinfo already holds 3 open review links");
        assertThat(reviewsIn("bookinfo")).hasSize(3);
        assertThat(share("default", "fleetman-webapp", operator("bob"), 200)).contains("id=\"review-url\"");
    }

    @Test
    void expiredReviewsAreRemovedInTheBackgroundWithoutAnyoneOpeningThem() throws Exception {
        String expired = store.create("bookinfo", "reviews", data(Instant.now().minusSeconds(60)));
        String open = store.create("bookinfo", "reviews", data(Instant.now().plusSeconds(3600)));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reviewsIn("bookinfo").size() <= 1);
        assertThat(reviewsIn("bookinfo")).extracting(m -> m.getMetadata().getName())
                .containsExactly("traffic-wizard-review-" + open).doesNotContain("traffic-wizard-review-" + expired);
    }

    @Test
    void theReviewLinkUsesTheConfiguredExternalUrlNotTheHostHeader() throws Exception {
        String fragment = mvc.perform(post("/services/bookinfo/reviews/weighted/review").with(operator("ann"))
                        .header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                        .header("HX-Request", "true").param("version", "v1", "v2", "v3")
                        .param("weight", "50", "50", "0").param("exposure", "mesh").param("sticky", "none"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).containsPattern("href=\"https://tw\\.example\\.com/tw/reviews/[0-9a-f]{32}\"")
                .doesNotContain("evil");
    }

    /** #13: the form is stored as its text; text that names no form reads as none, the review still opens. */
    @Test
    void aReviewsStoredFormTextReadsAsTheFormOrNone() throws Exception {
        Map<String, String> known = data(Instant.now().plusSeconds(3600));
        known.put(Reviews.FORM, "header");
        assertThat(reviews.find(store.create("bookinfo", "reviews", known)).orElseThrow().form())
                .isEqualTo(FormKind.HEADER);
        Map<String, String> unknown = data(Instant.now().plusSeconds(3600));
        unknown.put(Reviews.FORM, "canary");
        Review review = reviews.find(store.create("bookinfo", "reviews", unknown)).orElseThrow();
        assertThat(review.form()).isNull();
        assertThat(review.plan()).isEqualTo(ReviewLinksIntegrationTest.plan(80, 20));
        // the page names no form and offers no form to open it in; it can still be applied
        var page = org.jsoup.Jsoup.parse(mvc.perform(get("/reviews/" + review.id()).with(operator("books", "bookinfo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(page.getElementById("review-meta").text()).startsWith("Shared by ann at ");
        assertThat(page.getElementById("open-in-form")).isNull();
        assertThat(page.getElementById("apply-review")).isNotNull();
    }

    static Map<String, String> data(Instant expires) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(Reviews.PLAN, io.fabric8.kubernetes.client.utils.Serialization.asJson(
                ReviewLinksIntegrationTest.plan(80, 20)));
        data.put(Reviews.FORM, "weighted");
        data.put(Reviews.SHARED_BY, "ann");
        data.put(Reviews.CREATED, expires.minusSeconds(3600).toString());
        data.put(Reviews.EXPIRES, expires.toString());
        return data;
    }
}
