package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.gitops.Proposal;
import dev.trafficwizard.hostile.ClusterSnapshot;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * #18 git: a plan proposed as a commit on the demo's repository: one file per object, the objects an
 * apply would delete named in the commit message, a plan with errors refused, nothing written to the cluster.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(username = "olivia", roles = "ADMIN")
class ProposalsIntegrationTest {

    @Autowired
    Proposals proposals;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;
    @Autowired
    GitProposals git;

    @AfterEach
    void cleanUp() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
        var gateways = client.adapt(IstioClient.class).v1().gateways().inNamespace("bookinfo");
        gateways.list().getItems().forEach(g -> gateways.resource(g).delete());
        client.configMaps().inNamespace("bookinfo").delete();
    }

    @Test
    void aGatewayTheApplyWouldDeleteIsNamedInTheCommitMessage() throws Exception {
        dev.trafficwizard.AsAdmin.run(() -> workflow.apply(GatewayLifecycleTest.exposed("reviews", "v1", "shop-gateway",
                true), null, FormKind.WEIGHTED));
        var before = ClusterSnapshot.of(client);
        RoutingPlan meshOnly = new RoutingPlan("bookinfo", "reviews", List.of(), null,
                List.of(new Rule(List.of(), List.of(new WeightedDestination("v1", 50), new WeightedDestination("v2", 50)))),
                null);

        Proposal proposal = proposals.propose(meshOnly, FormKind.WEIGHTED);

        assertThat(ClusterSnapshot.of(client)).as("nothing written to the cluster").isEqualTo(before);
        assertThat(proposal.files()).contains("bookinfo/reviews/virtualservice-reviews.yaml",
                "bookinfo/reviews/destinationrule-reviews.yaml", "bookinfo/reviews/gateway-shop-gateway.yaml");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(new File(git.repository())).build();
             RevWalk walk = new RevWalk(repo)) {
            var commit = walk.parseCommit(repo.resolve(proposal.commit()));
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("olivia");
            assertThat(commit.getFullMessage()).startsWith("Traffic Wizard: weighted routing for bookinfo/reviews\n")
                    .contains("- Gateway bookinfo/shop-gateway");
            List<String> paths = new ArrayList<>();
            try (TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    paths.add(tree.getPathString());
                }
            }
            assertThat(paths).as("the deleted Gateway has no file").contains("bookinfo/reviews/virtualservice-reviews.yaml")
                    .doesNotContain("bookinfo/reviews/gateway-shop-gateway.yaml");
        }
    }

    @Test
    void aGatewayThePlanCreatesGetsItsFile() {
        var before = ClusterSnapshot.of(client);
        Proposal proposal = proposals.propose(GatewayLifecycleTest.exposed("reviews", "v1", "shop-gateway", true),
                FormKind.WEIGHTED);
        assertThat(proposal.files()).containsExactlyInAnyOrder("bookinfo/reviews/gateway-shop-gateway.yaml",
                "bookinfo/reviews/destinationrule-reviews.yaml", "bookinfo/reviews/virtualservice-reviews.yaml");
        assertThat(ClusterSnapshot.of(client)).isEqualTo(before);
    }

    @Test
    void aPlanWithErrorsIsRefusedWithItsDiagnosticsAndNothingProposed() {
        RoutingPlan bad = new RoutingPlan("bookinfo", "reviews", List.of(), null,
                List.of(new Rule(List.of(), List.of(new WeightedDestination("v1", 70), new WeightedDestination("v2", 20)))),
                null);
        assertThatThrownBy(() -> proposals.propose(bad, FormKind.WEIGHTED)).isInstanceOf(PlanRejectedException.class)
                .satisfies(e -> assertThat(((PlanRejectedException) e).diagnostics())
                        .anyMatch(d -> d.is(dev.trafficwizard.routing.DiagnosticCode.WEIGHT_SUM)));
    }

    @Test
    void handWrittenRoutingArgoCdOwnsIsProposedWithTheManagedLabelInItsFile() throws Exception {
        var before = ClusterSnapshot.of(client);
        RoutingPlan plan = new RoutingPlan("legacy", "billing", List.of(), null,
                List.of(new Rule(List.of(), List.of(new WeightedDestination("v1", 100)))), null);

        Proposal proposal = proposals.propose(plan, FormKind.WEIGHTED);

        assertThat(ClusterSnapshot.of(client)).as("nothing written to the cluster").isEqualTo(before);
        assertThat(proposal.files()).contains("legacy/billing/virtualservice-billing.yaml");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(new File(git.repository())).build();
             RevWalk walk = new RevWalk(repo)) {
            var commit = walk.parseCommit(repo.resolve(proposal.commit()));
            try (TreeWalk tree = TreeWalk.forPath(repo, "legacy/billing/virtualservice-billing.yaml", commit.getTree())) {
                String text = new String(repo.open(tree.getObjectId(0)).getBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
                assertThat(text).contains("app.kubernetes.io/managed-by: traffic-wizard")
                        .contains("argocd.argoproj.io/tracking-id");
            }
        }
    }
}
