package dev.trafficwizard.release;

import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** #17: every rollout endpoint's answers: 200 with the rollout, 400 naming the field, 404, 409. */
@SpringBootTest(properties = {"traffic-wizard.cluster.mode=demo", "traffic-wizard.rollouts.tick=1h"})
@WithMockUser(username = "alice", roles = "ADMIN")
@Import({dev.trafficwizard.WithCsrf.class, RolloutTestSupport.class})
@AutoConfigureMockMvc
class RolloutApiTest {

    static final String ROLLOUT = "/api/v1/namespaces/bookinfo/services/reviews/rollout";

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
        AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
        client.configMaps().inNamespace("bookinfo").delete();
    }

    ResultActions start(String body) throws Exception {
        return mvc.perform(post(ROLLOUT).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    List<HTTPRoute> liveRules() {
        return catalog.service("bookinfo", "reviews").orElseThrow().virtualService().getSpec().getHttp();
    }

    @Test
    void aSpecWithErrorsIsRefusedNamingEachField() throws Exception {
        start("""
                {"stable":"v1","canary":"v9","steps":[{"weight":10,"pause":"5 minutes"},{"weight":150},
                 {"weight":10,"mirror":5}],"gates":{"minSuccessRate":120}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[*].path").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "canary", "steps[0].pause", "steps[1].weight", "steps[2]", "gates.minSuccessRate")))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'steps[1].weight')].code").value("ROLLOUT_OUT_OF_RANGE"));
        start("""
                {"stable":"v1","canary":"v2","steps":[{"weight":"lots"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].path").value("steps[0].weight"));
        start("""
                {"stable":"v1","canary":"v1","steps":[]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[*].code").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "ROLLOUT_SAME_VERSION", "ROLLOUT_REQUIRED")));
        mvc.perform(get(ROLLOUT)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_NONE"));
    }

    @Test
    void hostileBodiesAreRefusedAndStartNothing() throws Exception {
        for (String body : List.of(
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":1e309}]}",
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":99999999999}]}",
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":10,\"pause\":\"99999999999h\"}]}",
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":10,\"pause\":\"-1s\"}]}",
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"mirror\":\"NaN\"}]}",
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[null]}",
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":{}}",
                "{\"stable\":[\"v1\"],\"canary\":\"v2\",\"steps\":[{\"weight\":10}]}",
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":10}],\"gates\":{\"interval\":\"-1m\"}}",
                "{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":10}],\"gates\":{\"minRequests\":-1}}",
                "[]", "null", "{")) {
            int status = start(body).andReturn().getResponse().getStatus();
            assertThat(status).as(body).isEqualTo(400);
        }
        mvc.perform(get(ROLLOUT)).andExpect(status().isNotFound());
    }

    @Test
    void anUnknownServiceIs404AndNoRolloutIs409() throws Exception {
        String unknown = "/api/v1/namespaces/bookinfo/services/nope/rollout";
        mvc.perform(post(unknown).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stable\":\"v1\",\"canary\":\"v2\",\"steps\":[{\"weight\":10}]}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.diagnostics[0].code").value("UNKNOWN_SERVICE"));
        mvc.perform(get(unknown)).andExpect(status().isNotFound());
        mvc.perform(post(unknown + "/promote")).andExpect(status().isNotFound());
        for (String action : List.of("promote", "abort", "pause", "resume")) {
            mvc.perform(post(ROLLOUT + "/" + action)).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_NONE"));
        }
    }

    @Test
    void theActionsFollowThePhase() throws Exception {
        String spec = """
                {"stable":"v1","canary":"v2","steps":[{"header":{"name":"x-canary","value":"yes"}},
                 {"mirror":20,"pause":"10m"},{"weight":25},{"weight":50},{"weight":100}]}""";
        start(spec).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Paused"))
                .andExpect(jsonPath("$.step").value(1))
                .andExpect(jsonPath("$.weight").value(0))
                .andExpect(jsonPath("$.steps[0].header.name").value("x-canary"));
        assertThat(liveRules()).hasSize(2);
        assertThat(liveRules().get(0).getMatch().get(0).getHeaders()).containsKey("x-canary");
        start(spec).andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_RUNNING"));

        mvc.perform(post(ROLLOUT + "/promote")).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Progressing"))
                .andExpect(jsonPath("$.step").value(2));
        assertThat(liveRules()).hasSize(1);
        assertThat(liveRules().get(0).getMirror().getSubset()).isEqualTo("v2");

        mvc.perform(post(ROLLOUT + "/resume")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_NOT_PAUSED"));
        mvc.perform(post(ROLLOUT + "/pause")).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Paused"))
                .andExpect(jsonPath("$.paused").value("USER"))
                .andExpect(jsonPath("$.reason").value("paused by alice"));
        mvc.perform(post(ROLLOUT + "/pause")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_ALREADY_PAUSED"));
        mvc.perform(post(ROLLOUT + "/resume")).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Progressing"));
        mvc.perform(post(ROLLOUT + "/promote")).andExpect(status().isOk())
                .andExpect(jsonPath("$.step").value(3))
                .andExpect(jsonPath("$.weight").value(25));
        mvc.perform(post(ROLLOUT + "/promote").param("full", "true")).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Succeeded"))
                .andExpect(jsonPath("$.weight").value(100));
        assertThat(liveRules().get(0).getRoute()).hasSize(1);
        assertThat(liveRules().get(0).getRoute().get(0).getDestination().getSubset()).isEqualTo("v2");
        mvc.perform(post(ROLLOUT + "/abort")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROLLOUT_FINISHED"));
        mvc.perform(get(ROLLOUT)).andExpect(status().isOk())
                .andExpect(jsonPath("$.phase").value("Succeeded"))
                .andExpect(jsonPath("$.history[0].event").value("started"));

        // a finished rollout is replaced by the next start
        start("""
                {"stable":"v2","canary":"v1","steps":[{"weight":10}]}""").andExpect(status().isOk())
                .andExpect(jsonPath("$.stable").value("v2"));
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/reviews/history"))
                .andExpect(jsonPath("$[0].action").value("rollout step 1 (weight 10 %)"))
                .andExpect(jsonPath("$[1].action").value("rollout promoted"))
                .andExpect(jsonPath("$[2].action").value("rollout step 3 (weight 25 %)"));
    }
}
