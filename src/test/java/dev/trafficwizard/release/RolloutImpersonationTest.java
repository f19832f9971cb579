package dev.trafficwizard.release;

import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.cluster.RolloutLeader;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * #17: with impersonation on, the rollout's automatic steps (taken on the driver's thread, where no
 * user is logged in) are written for the user who started it, not refused for want of a user.
 */
@SpringBootTest(properties = {"traffic-wizard.cluster.mode=demo", "traffic-wizard.rollouts.tick=1h",
        "traffic-wizard.cluster.impersonation.enabled=true"})
@WithMockUser(username = "alice", roles = "OPERATOR")
@Import({dev.trafficwizard.WithCsrf.class, RolloutTestSupport.class})
@AutoConfigureMockMvc
class RolloutImpersonationTest {

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

    @AfterEach
    void cleanUp() {
        AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
        client.configMaps().inNamespace("bookinfo").delete();
    }

    @Test
    void automaticStepsAreWrittenForTheStarter() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(leader::isLeader);
        mvc.perform(post(ROLLOUT).contentType(MediaType.APPLICATION_JSON).content("""
                        {"stable":"v1","canary":"v2","steps":[{"weight":20,"pause":"0s"},{"weight":100}]}"""))
                .andExpect(status().isOk());
        // no security context on another thread, as on the scheduler's
        assertThat(CompletableFuture.supplyAsync(driver::tick).get()).isEqualTo(1);
        mvc.perform(get(ROLLOUT)).andExpect(jsonPath("$.phase").value("Succeeded"));
        assertThat(history.revisions("bookinfo", "reviews").get(0).user()).isEqualTo("rollout (started by alice)");
    }
}
