package dev.trafficwizard.release;

import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.cluster.RolloutLeader;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.Revision;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * #17: rollouts on the demo cluster, end to end: started and acted on through the REST API, driven
 * by {@link RolloutDriver} ticks on a clock the test moves; every step a normal apply with its
 * history revision.
 */
@SpringBootTest(properties = {"traffic-wizard.cluster.mode=demo", "traffic-wizard.rollouts.tick=1h"})
@WithMockUser(username = "alice", roles = "ADMIN")
@Import({dev.trafficwizard.WithCsrf.class, RolloutTestSupport.class})
@AutoConfigureMockMvc
class RolloutIntegrationTest {

    static final String ROLLOUT = "/api/v1/namespaces/bookinfo/services/reviews/rollout";

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    History history;
    @Autowired
    KubernetesClient client;
    @Autowired
    RolloutDriver driver;
    @Autowired
    RolloutLeader leader;
    @Autowired
    RolloutTestSupport.MovableClock clock;
    @Autowired
    RolloutTestSupport.SetMetrics metrics;

    @BeforeEach
    void leads() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(leader::isLeader);
    }

    @AfterEach
    void cleanUp() {
        metrics.figures.clear();
        metrics.failing = false;
        AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
        client.configMaps().inNamespace("bookinfo").delete();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> history.revisions("bookinfo", "reviews").isEmpty());
    }

    void start(String body) throws Exception {
        mvc.perform(post(ROLLOUT).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
    }

    List<Integer> liveWeights() {
        return catalog.service("bookinfo", "reviews").orElseThrow().virtualService().getSpec().getHttp()
                .get(catalog.service("bookinfo", "reviews").orElseThrow().virtualService().getSpec().getHttp().size() - 1)
                .getRoute().stream().map(r -> r.getWeight() == null ? 100 : r.getWeight()).toList();
    }

    List<String> actions() {
        return history.revisions("bookinfo", "reviews").stream().map(r -> r.action().text()).toList();
    }

    @Test
    void aRolloutSucceedsStepByStepEachStepARevision() throws Exception {
        var audit = new dev.trafficwizard.security.AuditLines();
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":25,"pause":"0s"},{"weight":50,"pause":"0s"},
                 {"weight":100}]}""");
        mvc.perform(get(ROLLOUT)).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Progressing"))
                .andExpect(jsonPath("$.step").value(1))
                .andExpect(jsonPath("$.weight").value(25))
                .andExpect(jsonPath("$.startedBy").value("alice"));
        assertThat(liveWeights()).containsExactly(75, 25);

        assertThat(driver.tick()).isEqualTo(1);
        assertThat(liveWeights()).containsExactly(50, 50);
        driver.tick();
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.phase").value("Succeeded"))
                .andExpect(jsonPath("$.weight").value(100))
                .andExpect(jsonPath("$.history[*].event").value(org.hamcrest.Matchers.hasItems("started", "step 1",
                        "step 2", "succeeded")));
        assertThat(liveWeights()).containsExactly(100);
        assertThat(actions()).containsExactly("rollout promoted", "rollout step 2 (weight 50 %)",
                "rollout step 1 (weight 25 %)");
        List<Revision> revisions = history.revisions("bookinfo", "reviews");
        assertThat(revisions.get(0).user()).isEqualTo("rollout (started by alice)");
        assertThat(revisions.get(2).user()).isEqualTo("alice");
        assertThat(driver.tick()).as("nothing left to drive").isZero();
        audit.close();
        assertThat(audit.objects()).filteredOn(l -> "reviews".equals(l.path("service").asString()))
                .extracting(l -> l.path("action").asString() + " by " + l.path("user").asString())
                .containsExactly("rollout step 1 (weight 25 %) by alice",
                        "rollout step 2 (weight 50 %) by rollout (started by alice)",
                        "rollout promoted by rollout (started by alice)");
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].action").value("rollout promoted"));
        assertThat(historyPage(null).selectFirst("#revision-2 .card-header").text())
                .contains("rollout step 2 (weight 50 %)");
        assertThat(historyPage("ko").selectFirst("#revision-2 .card-header").text())
                .contains("롤아웃 2단계(가중치 50 %)");
        assertThat(historyPage("ko").selectFirst("#revision-3 .card-header").text()).contains("롤아웃 승격");
    }

    org.jsoup.nodes.Document historyPage(String language) throws Exception {
        var request = get("/services/bookinfo/reviews/history");
        if (language != null) {
            request.cookie(new jakarta.servlet.http.Cookie("tw-lang", language));
        }
        return org.jsoup.Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void aRolloutAbortedByHandSendsEverythingBackToStable() throws Exception {
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":20},{"weight":100}]}""");
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.phase").value("Paused"))
                .andExpect(jsonPath("$.paused").value("PROMOTE"))
                .andExpect(jsonPath("$.reason").value("waiting for a promote"));
        assertThat(liveWeights()).containsExactly(80, 20);
        mvc.perform(post(ROLLOUT + "/abort")).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Aborted"))
                .andExpect(jsonPath("$.reason").value("aborted by alice"));
        assertThat(liveWeights()).containsExactly(100);
        assertThat(catalog.service("bookinfo", "reviews").orElseThrow().virtualService().getSpec().getHttp().get(0)
                .getRoute().get(0).getDestination().getSubset()).isEqualTo("v1");
        assertThat(actions().get(0)).isEqualTo("rollout aborted");
        mvc.perform(post(ROLLOUT + "/promote")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_FINISHED"));
    }

    @Test
    void aFailingCanaryIsAbortedByTheGatesWithTheReasonInTheHistory() throws Exception {
        metrics.figures.put("v2", new dev.trafficwizard.rollout.VersionFigures("v2", 200, 3.3, 50.0, 20.0, null));
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":10,"pause":"5m"},{"weight":100}],
                 "gates":{"minSuccessRate":99,"interval":"1m"}}""");
        assertThat(driver.tick()).as("the gates are not due yet").isZero();
        clock.advance(Duration.ofMinutes(1));
        driver.tick();
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.phase").value("Aborted"))
                .andExpect(jsonPath("$.reason").value("gate: success rate 50 % below 99 %"))
                .andExpect(jsonPath("$.history[*].event").value(org.hamcrest.Matchers.hasItem("gate failed")));
        assertThat(liveWeights()).containsExactly(100);
        Revision aborted = history.revisions("bookinfo", "reviews").get(0);
        assertThat(aborted.action().text()).isEqualTo("rollout aborted");
        assertThat(aborted.user()).isEqualTo("rollout (started by alice)");
    }

    @Test
    void tooFewRequestsOrNoMetricsHoldTheStep() throws Exception {
        metrics.figures.put("v2", new dev.trafficwizard.rollout.VersionFigures("v2", 3, 0.1, 100.0, 5.0, null));
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":10,"pause":"0s"},{"weight":100}],
                 "gates":{"minSuccessRate":99}}""");
        clock.advance(Duration.ofMinutes(1));
        driver.tick();
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.history[*].reason").value(org.hamcrest.Matchers.hasItem(
                "3 requests to the canary, 10 needed to judge")));
        metrics.failing = true;
        clock.advance(Duration.ofMinutes(1));
        driver.tick();
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.phase").value("Progressing"))
                .andExpect(jsonPath("$.step").value(1));
        assertThat(liveWeights()).containsExactly(90, 10);
    }

    @Test
    void aManualEditDuringTheRolloutPausesIt() throws Exception {
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":30},{"weight":100}]}""");
        assertThat(driver.tick()).as("its own write is no manual change").isZero();
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"bookinfo","service":"reviews",
                         "rules":[{"route":[{"version":"v1","weight":60},{"version":"v2","weight":40}]}]}"""))
                .andExpect(status().isOk());
        driver.tick();
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.phase").value("Paused"))
                .andExpect(jsonPath("$.paused").value("INTERRUPTED"))
                .andExpect(jsonPath("$.reason").value(containsString("changed outside the rollout: apply by alice (revision #")));
        assertThat(liveWeights()).as("the manual routing stays").containsExactly(60, 40);
        mvc.perform(post(ROLLOUT + "/resume")).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Paused"))
                .andExpect(jsonPath("$.paused").value("PROMOTE"));
    }

    @Test
    void aHandEditOfTheVirtualServiceIsNoticedEvenWithoutAHistory() throws Exception {
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":30},{"weight":100}]}""");
        client.configMaps().inNamespace("bookinfo").withName("traffic-wizard-history-reviews").delete();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> history.revisions("bookinfo", "reviews").isEmpty());
        client.adapt(io.fabric8.istio.client.IstioClient.class).v1().virtualServices().inNamespace("bookinfo")
                .withName("reviews").edit(vs -> {
                    var route = vs.getSpec().getHttp().get(vs.getSpec().getHttp().size() - 1).getRoute();
                    route.get(0).setWeight(50);
                    route.get(1).setWeight(50);
                    return vs;
                });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> liveWeights().equals(List.of(50, 50)));
        driver.tick();
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.paused").value("PROMOTE"));

        clock.advance(ManualChanges.CACHE_GRACE.plusSeconds(1));
        driver.tick();
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.phase").value("Paused"))
                .andExpect(jsonPath("$.paused").value("INTERRUPTED"))
                .andExpect(jsonPath("$.reason").value("the routing was changed outside the rollout: v2 has 50 % "
                        + "instead of 30 % (no revision of the dashboard made it)"));
    }

    @Test
    void aNewDriverResumesFromTheStoredState() throws Exception {
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":10,"pause":"0s"},{"weight":40,"pause":"0s"},
                 {"weight":60}]}""");
        try (RolloutLeader other = new RolloutLeader(client, new dev.trafficwizard.cluster.LeaseProperties(
                "restart-test", null, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500)))) {
            other.start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(other::isLeader);
            RolloutDriver restarted = new RolloutDriver(freshWrites(), new ManualChanges(catalog, history),
                    driverMetrics(), other, new Locks());
            restarted.tick();
        }
        assertThat(liveWeights()).containsExactly(60, 40);
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.step").value(2));
    }

    @Test
    void anotherReplicaTakesOverWhenTheLeaderStops() throws Exception {
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":10,"pause":"0s"},{"weight":40,"pause":"0s"},
                 {"weight":100}]}""");
        var lease = new dev.trafficwizard.cluster.LeaseProperties("handover-test", null, Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofMillis(500));
        try (RolloutLeader a = new RolloutLeader(client, lease); RolloutLeader b = new RolloutLeader(client, lease)) {
            a.start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
            b.start();
            RolloutDriver first = driver.withLeader(a);
            RolloutDriver second = driver.withLeader(b);
            assertThat(second.tick()).as("not the leader: drives nothing").isZero();
            assertThat(first.tick()).isEqualTo(1);
            assertThat(liveWeights()).containsExactly(60, 40);

            a.close();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(b::isLeader);
            assertThat(first.tick()).isZero();
            assertThat(second.tick()).isEqualTo(1);
        }
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.phase").value("Succeeded"));
        assertThat(liveWeights()).containsExactly(100);
    }

    @Autowired
    RolloutWrites writes;

    private RolloutWrites freshWrites() {
        return new RolloutWrites(new dev.trafficwizard.cluster.RolloutStore(client, null), catalog, workflow, history,
                messages, clock);
    }

    @Autowired
    org.springframework.context.MessageSource messages;

    private org.springframework.beans.factory.ObjectProvider<dev.trafficwizard.metrics.TrafficMetrics> driverMetrics() {
        return new org.springframework.beans.factory.support.StaticListableBeanFactory(
                java.util.Map.of("metrics", metrics)).getBeanProvider(dev.trafficwizard.metrics.TrafficMetrics.class);
    }
}
