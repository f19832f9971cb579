package dev.trafficwizard.web;

import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.hostile.ClusterSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.io.File;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** #18: POST /api/v1/routing/propose on the demo cluster commits to the demo's local bare repository, not to the cluster. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@WithMockUser(username = "alice", roles = "OPERATOR")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class ProposeApiIntegrationTest {

    static final String SPLIT = """
            {"namespace":"default","service":"fleetman-staff-service",
             "rules":[{"route":[{"version":"safe","weight":80},{"version":"risky","weight":20}]}]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    KubernetesClient client;
    @Autowired
    GitProposals git;

    @Test
    void aPlanIsCommittedToTheDemoRepositoryAndNothingToTheCluster() throws Exception {
        var before = ClusterSnapshot.of(client);
        String dir = "default/fleetman-staff-service/";

        String body = mvc.perform(post("/api/v1/routing/propose").contentType(MediaType.APPLICATION_JSON).content(SPLIT))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.repository").value(git.repository()))
                .andExpect(jsonPath("$.repository").value(containsString("traffic-wizard-demo-gitops.git")))
                .andExpect(jsonPath("$.branch").value(startsWith("traffic-wizard/default-fleetman-staff-service-")))
                .andExpect(jsonPath("$.commit").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{40}")))
                .andExpect(jsonPath("$.files").value(org.hamcrest.Matchers.hasItems(
                        dir + "virtualservice-fleetman-staff-service.yaml",
                        dir + "destinationrule-fleetman-staff-service.yaml")))
                .andExpect(jsonPath("$.pullRequest").value(nullValue()))
                .andReturn().getResponse().getContentAsString();

        assertThat(ClusterSnapshot.of(client)).as("nothing written to the cluster").isEqualTo(before);
        String branch = com.jayway.jsonpath.JsonPath.read(body, "$.branch");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(new File(git.repository())).build();
             RevWalk walk = new RevWalk(repo)) {
            var commit = walk.parseCommit(repo.resolve("refs/heads/" + branch));
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("alice");
            assertThat(commit.getShortMessage()).isEqualTo("Traffic Wizard: API routing for default/fleetman-staff-service");
            try (TreeWalk file = TreeWalk.forPath(repo, dir + "virtualservice-fleetman-staff-service.yaml",
                    commit.getTree())) {
                String yaml = new String(repo.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                assertThat(yaml).startsWith("apiVersion: networking.istio.io/v1\nkind: VirtualService\n")
                        .contains("name: fleetman-staff-service", "namespace: default",
                                "app.kubernetes.io/managed-by: traffic-wizard", "weight: 80", "weight: 20")
                        .doesNotContain("status:", "resourceVersion", "uid:", "managedFields", "creationTimestamp");
            }
        }
    }

    @Test
    void aPlanWithErrorsIsRefusedWithItsDiagnostics() throws Exception {
        var before = ClusterSnapshot.of(client);
        mvc.perform(post("/api/v1/routing/propose").contentType(MediaType.APPLICATION_JSON)
                        .content(SPLIT.replace("80", "70")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("WEIGHT_SUM"));
        assertThat(ClusterSnapshot.of(client)).isEqualTo(before);
    }

    @Test
    void openApiDocumentsTheEndpoint() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(containsString("/api/v1/routing/propose")));
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void viewersMayNotPropose() throws Exception {
        mvc.perform(post("/api/v1/routing/propose").contentType(MediaType.APPLICATION_JSON).content(SPLIT))
                .andExpect(status().isForbidden());
    }
}
