package dev.trafficwizard.security;

import dev.trafficwizard.routing.FormKind;
import java.time.Duration;
import org.awaitility.Awaitility;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every role against every state-changing endpoint, HTML and API: forbidden is 403 and writes
 * nothing; allowed gets past security. Logins are the real ones (demo users, plus an operator
 * limited to namespace default from configuration).
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
class RoleEnforcementTest {

    static final String PLAN = """
            {"namespace":"bookinfo","service":"reviews",
             "rules":[{"route":[{"version":"v1","weight":60},{"version":"v2","weight":40}]}]}""";
    static final String FORM = "version=v1&version=v2&version=v3&weight=60&weight=40&weight=0";

    @DynamicPropertySource
    static void password(DynamicPropertyRegistry registry) {
        // a list binds from one property source only: the whole user comes from here
        registry.add("traffic-wizard.security.users[0].name", () -> "default-operator");
        registry.add("traffic-wizard.security.users[0].password", () -> new BCryptPasswordEncoder().encode("secret"));
        registry.add("traffic-wizard.security.users[0].roles", () -> "OPERATOR");
        registry.add("traffic-wizard.security.users[0].namespaces", () -> "default");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    KubernetesClient client;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    dev.trafficwizard.workflow.Reviews reviews;

    /** "Apply this proposal" on a review link: the namespace is the review's, checked on the server. */
    @org.junit.jupiter.api.Test
    void aReviewIsAppliedOnlyByWritersOfItsNamespace() throws Exception {
        String id = sharedReview();
        String before = clusterState();
        for (String user : List.of("viewer", "default-operator")) {
            int status = mvc.perform(post("/reviews/" + id + "/apply").header("HX-Request", "true")
                            .with(httpBasic(user, user.equals("viewer") ? "viewer" : "secret")).with(csrf()))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as(user).isEqualTo(403);
            assertThat(clusterState()).as("nothing written").isEqualTo(before);
        }
        int status = mvc.perform(post("/reviews/" + id + "/apply").header("HX-Request", "true")
                .with(httpBasic("operator", "operator")).with(csrf())).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(200);
        assertThat(catalog.service("bookinfo", "reviews").orElseThrow().liveYaml()).contains("weight: 50");
    }

    /** A refused apply of a review says its own reason, not "the live routing changed since it was shared". */
    @org.junit.jupiter.api.Test
    void aRefusedReviewApplyIsNotToldAsAChangeOfTheLiveRouting() throws Exception {
        String id = sharedReview();
        String before = clusterState();
        String html = mvc.perform(post("/reviews/" + id + "/apply").header("HX-Request", "true")
                        .param("baseVersion", "<x>")
                        .with(httpBasic("operator", "operator")).with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andReturn().getResponse().getContentAsString();
        var page = org.jsoup.Jsoup.parse(html);
        assertThat(page.getElementById("review-apply-result").text()).isNotBlank();
        assertThat(page.getElementById("review-conflict")).isNull();
        assertThat(clusterState()).as("nothing written").isEqualTo(before);
    }

    /** An operator's 50/50 proposal for bookinfo/reviews, shared against the live routing: its id. */
    private String sharedReview() {
        var plan = dev.trafficwizard.routing.RoutingPlan.weighted("bookinfo", "reviews", List.of(
                new dev.trafficwizard.routing.WeightedDestination("v1", 50),
                new dev.trafficwizard.routing.WeightedDestination("v2", 50)));
        String base = dev.trafficwizard.workflow.RoutingWorkflow.baseVersion(
                catalog.service("bookinfo", "reviews").orElseThrow());
        return AsAdmin.get(() -> reviews.share(plan, FormKind.WEIGHTED, base)).id();
    }

    record Endpoint(String name, boolean html, MockHttpServletRequestBuilder request) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("HTML apply", true, post("/services/bookinfo/reviews/weighted/apply")
                        .header("HX-Request", "true").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(FORM)),
                new Endpoint("HTML delete", true, post("/services/bookinfo/reviews/routing/delete")
                        .header("HX-Request", "true")),
                new Endpoint("HTML take over", true, post("/services/bookinfo/ratings/take-over")
                        .header("HX-Request", "true")),
                new Endpoint("API apply", false, post("/api/v1/routing/apply")
                        .contentType(MediaType.APPLICATION_JSON).content(PLAN)),
                new Endpoint("API delete", false, delete("/api/v1/namespaces/bookinfo/services/reviews/routing")),
                new Endpoint("API rollback", false, post("/api/v1/namespaces/bookinfo/services/reviews/history/1/rollback")));
    }

    /** Who may do what: the decision table of the issue. */
    static boolean allowed(String user, String endpoint) {
        return switch (user) {
            case "admin" -> true;
            case "operator" -> !endpoint.equals("HTML take over");
            default -> false; // viewer; default-operator may not touch bookinfo
        };
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String user : List.of("viewer", "operator", "default-operator", "admin")) {
            for (Endpoint endpoint : endpoints()) {
                out.add(Arguments.of(user, endpoint));
            }
        }
        return out.stream();
    }

    @BeforeEach
    void seed() {
        AsAdmin.run(() -> workflow.apply(dev.trafficwizard.routing.RoutingPlan.weighted("bookinfo", "reviews",
                List.of(new dev.trafficwizard.routing.WeightedDestination("v1", 100))), null, FormKind.WEIGHTED));
        client.resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("ratings-legacy").withNamespace("bookinfo").endMetadata()
                .withNewSpec().withHosts("ratings").addNewHttp().addNewRoute().withNewDestination()
                .withHost("ratings").endDestination().endRoute().endHttp().endSpec().build()).create();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.service("bookinfo", "ratings").orElseThrow().routing() == RoutingState.UNMANAGED);
    }

    @AfterEach
    void cleanUp() {
        AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
        client.adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo").withName("ratings-legacy")
                .delete();
        client.configMaps().inNamespace("bookinfo").delete();
    }

    String clusterState() {
        var istio = client.adapt(IstioClient.class).v1();
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(istio.virtualServices().inNamespace("bookinfo").list().getItems());
        all.addAll(istio.destinationRules().inNamespace("bookinfo").list().getItems());
        all.addAll(istio.gateways().inNamespace("bookinfo").list().getItems());
        return String.join(",", all.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName() + "@"
                + o.getMetadata().getResourceVersion()).sorted().toList());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void roleAgainstEndpoint(String user, Endpoint endpoint) throws Exception {
        String password = user.equals("default-operator") ? "secret" : user;
        String before = clusterState();
        // HTML requests come from a browser session (CSRF token); API requests from a pipeline (Basic)
        MockHttpServletRequestBuilder request = endpoint.request().with(httpBasic(user, password));
        if (endpoint.html()) {
            request = request.with(csrf());
        }
        int status = mvc.perform(request).andReturn().getResponse().getStatus();
        if (allowed(user, endpoint.name())) {
            assertThat(status).as(user + " " + endpoint).isNotEqualTo(403).isLessThan(500);
        } else {
            assertThat(status).as(user + " " + endpoint).isEqualTo(403);
            assertThat(clusterState()).as("nothing written").isEqualTo(before);
        }
    }
}
