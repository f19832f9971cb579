package dev.trafficwizard.gitops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Proposals against a real local bare repository, read back with JGit from the other side. */
class GitProposalsTest {

    static final String VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: bookinfo
              labels:
                app.kubernetes.io/managed-by: traffic-wizard
            spec:
              hosts:
              - reviews
            """;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T07:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    GitRemote remote;
    GitProposals proposals;

    @BeforeEach
    void remote() {
        remote = GitRemote.seeded(tmp.resolve("remote.git"));
    }

    @AfterEach
    void close() {
        if (proposals != null) {
            proposals.close();
        }
    }

    GitProposals proposals(GitOpsProperties properties) {
        proposals = new GitProposals(properties, name -> Optional.empty(), CLOCK);
        return proposals;
    }

    @Test
    void proposesTheFilesOnANewBranchAsTheUser() throws Exception {
        GitProposals git = proposals(GitOpsProperties.of(remote.dir.toString()));

        Proposal proposal = git.propose("bookinfo", "reviews", "Traffic Wizard: weighted routing for bookinfo/reviews",
                "alice", List.of(new ProposalFile("virtualservice-reviews.yaml", VS)));

        assertThat(proposal.repository()).isEqualTo(remote.dir.toString());
        assertThat(proposal.branch()).isEqualTo("traffic-wizard/bookinfo-reviews-20261203-071530");
        assertThat(proposal.files()).containsExactly("bookinfo/reviews/virtualservice-reviews.yaml");
        assertThat(proposal.pullRequest()).isNull();
        var commit = remote.commit(proposal.branch());
        assertThat(commit.name()).isEqualTo(proposal.commit());
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("alice");
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("alice@users.traffic-wizard");
        assertThat(commit.getFullMessage()).isEqualTo("Traffic Wizard: weighted routing for bookinfo/reviews");
        assertThat(commit.getParent(0)).isEqualTo(remote.commit("main"));
        assertThat(remote.files(proposal.branch())).containsEntry("bookinfo/reviews/virtualservice-reviews.yaml", VS)
                .containsKey("README.md");
        assertThat(remote.files("main")).containsOnlyKeys("README.md");
        assertThat(git.cloneClean()).isTrue();
    }

    @Test
    void aSecondProposalIsANewBranchFromTheBase() throws Exception {
        GitProposals git = proposals(GitOpsProperties.of(remote.dir.toString()));
        Proposal first = git.propose("bookinfo", "reviews", "one", "alice",
                List.of(new ProposalFile("virtualservice-reviews.yaml", VS)));
        Proposal second = git.propose("bookinfo", "reviews", "two", "bob",
                List.of(new ProposalFile("virtualservice-reviews.yaml", VS.replace("reviews\n", "reviews2\n"))));

        assertThat(second.branch()).isEqualTo(first.branch() + "-2");
        assertThat(remote.commit(second.branch()).getParent(0)).isEqualTo(remote.commit("main"));
        assertThat(remote.branchCount()).isEqualTo(3);
    }

    @Test
    void withOneBranchPerServiceASecondProposalIsASecondCommitOnTop() throws Exception {
        GitProposals git = proposals(GitOpsProperties.of(remote.dir.toString()).withBranchPerProposal(false));
        Proposal first = git.propose("bookinfo", "reviews", "one", "alice",
                List.of(new ProposalFile("virtualservice-reviews.yaml", VS),
                        new ProposalFile("destinationrule-reviews.yaml", "kind: DestinationRule\n")));
        Proposal second = git.propose("bookinfo", "reviews", "two", "bob",
                List.of(new ProposalFile("virtualservice-reviews.yaml", VS + "# second\n"),
                        ProposalFile.deletion("destinationrule-reviews.yaml")));

        assertThat(first.branch()).isEqualTo("traffic-wizard/bookinfo-reviews");
        assertThat(second.branch()).isEqualTo(first.branch());
        var top = remote.commit(second.branch());
        assertThat(top.name()).isEqualTo(second.commit());
        assertThat(top.getParent(0).name()).isEqualTo(first.commit());
        assertThat(remote.files(second.branch())).containsOnlyKeys("README.md",
                "bookinfo/reviews/virtualservice-reviews.yaml");
        assertThat(remote.files(second.branch()).get("bookinfo/reviews/virtualservice-reviews.yaml")).endsWith("# second\n");
    }

    @Test
    void onTheServicesBranchFilesOfAnEarlierProposalThisOneDoesNotWriteAreDeleted() throws Exception {
        GitProposals git = proposals(GitOpsProperties.of(remote.dir.toString()).withBranchPerProposal(false));
        git.propose("bookinfo", "reviews", "one", "alice",
                List.of(new ProposalFile("virtualservice-reviews.yaml", VS),
                        new ProposalFile("gateway-shop.yaml", "kind: Gateway\n")));
        Proposal second = git.propose("bookinfo", "reviews", "two", "bob",
                List.of(new ProposalFile("virtualservice-reviews.yaml", VS + "# second\n")));

        assertThat(remote.files(second.branch())).containsOnlyKeys("README.md",
                "bookinfo/reviews/virtualservice-reviews.yaml");
    }

    @Test
    void theSameFilesAgainAreRefusedWithNothingPushed() throws Exception {
        GitProposals git = proposals(GitOpsProperties.of(remote.dir.toString()).withBranchPerProposal(false));
        git.propose("bookinfo", "reviews", "one", "alice", List.of(new ProposalFile("virtualservice-reviews.yaml", VS)));
        var before = remote.commit("traffic-wizard/bookinfo-reviews");

        assertThatThrownBy(() -> git.propose("bookinfo", "reviews", "again", "alice",
                List.of(new ProposalFile("virtualservice-reviews.yaml", VS))))
                .isInstanceOf(GitOpsException.class).hasMessageContaining("nothing to propose")
                .extracting(e -> ((GitOpsException) e).reason()).isEqualTo(GitOpsException.Reason.REFUSED);
        assertThat(remote.commit("traffic-wizard/bookinfo-reviews")).isEqualTo(before);
        assertThat(git.cloneClean()).isTrue();
    }

    @Test
    void readAnswersTheServiceFilesOfTheBaseBranch() throws Exception {
        Instant[] now = {CLOCK.instant()};
        Clock moving = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return now[0]; }
        };
        proposals = new GitProposals(GitOpsProperties.of(remote.dir.toString()), name -> Optional.empty(), moving);
        GitProposals git = proposals;
        assertThat(git.read("bookinfo", "reviews")).isEmpty();

        remote.pushFromElsewhere(tmp.resolve("elsewhere"), "main", "bookinfo/reviews/virtualservice-reviews.yaml", VS);
        assertThat(git.read("bookinfo", "reviews")).as("fetched at most every 10 s").isEmpty();
        now[0] = now[0].plusSeconds(11);

        assertThat(git.read("bookinfo", "reviews")).contains(Map.of("bookinfo/reviews/virtualservice-reviews.yaml", VS));
        assertThat(git.read("bookinfo", "ratings")).isEmpty();
    }

    @Test
    void notConfiguredProposesNothing() {
        GitProposals git = proposals(GitOpsProperties.of(null));
        assertThat(git.configured()).isFalse();
        assertThat(git.read("bookinfo", "reviews")).isEmpty();
        assertThatThrownBy(() -> git.propose("bookinfo", "reviews", "t", "alice", List.of()))
                .isInstanceOf(GitOpsException.class)
                .extracting(e -> ((GitOpsException) e).reason()).isEqualTo(GitOpsException.Reason.NOT_CONFIGURED);
    }

    @Test
    void thePathTemplatePlacesTheFiles() throws Exception {
        GitOpsProperties properties = new GitOpsProperties(remote.dir.toString(), null, null,
                "clusters/prod/{namespace}/routing/{service}", null, null, null, null, null, null, null, null);
        Proposal proposal = proposals(properties).propose("bookinfo", "reviews", "t", "alice",
                List.of(new ProposalFile("virtualservice-reviews.yaml", VS)));
        assertThat(proposal.files()).containsExactly("clusters/prod/bookinfo/routing/reviews/virtualservice-reviews.yaml");
    }
}
