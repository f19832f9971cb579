package dev.trafficwizard.gitops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** #18 fix: a busy clone answers reads quietly; JGit's runtime errors are UNAVAILABLE; a stale index.lock is removed. */
class GitRobustnessTest {

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

    GitOpsProperties properties() {
        GitOpsProperties p = GitOpsProperties.of(remote.dir.toString());
        return new GitOpsProperties(p.repository(), null, null, null, null, null, null, null, null, null, null,
                tmp.resolve("work").toString());
    }

    Path cloneDir() throws Exception {
        try (var dirs = Files.list(tmp.resolve("work"))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    @Test
    void aReadWhileTheCloneIsInUseAnswersBusyAndLeavesTheWorkTreeAlone() throws Exception {
        proposals = new GitProposals(properties(), name -> Optional.empty(), GitProposalsTest.CLOCK);
        proposals.read("bookinfo", "reviews");
        Path untracked = cloneDir().resolve("scratch.txt");
        Files.writeString(untracked, "left by someone");
        proposals.read("bookinfo", "reviews");
        assertThat(untracked).as("a read does not clean the work tree").exists();

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            proposals.lock.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                proposals.lock.unlock();
            }
        });
        held.await();
        try {
            assertThatThrownBy(() -> proposals.read("bookinfo", "reviews")).isInstanceOf(GitOpsException.class)
                    .hasMessage(GitProposals.BUSY);
        } finally {
            release.countDown();
            holder.join();
        }
    }

    @Test
    void aLockJGitCannotTakeIsUnavailableAndAStaleOneIsRemovedAtStart() throws Exception {
        proposals = new GitProposals(properties(), name -> Optional.empty(), GitProposalsTest.CLOCK);
        proposals.propose("bookinfo", "reviews", "first", "alice",
                List.of(new ProposalFile("virtualservice-reviews.yaml", GitProposalsTest.VS)));
        Path lock = cloneDir().resolve(".git").resolve("index.lock");
        Files.writeString(lock, "");

        assertThatThrownBy(() -> proposals.propose("bookinfo", "reviews", "second", "alice",
                List.of(new ProposalFile("virtualservice-reviews.yaml", GitProposalsTest.VS.replace("reviews\n", "r2\n")))))
                .isInstanceOfSatisfying(GitOpsException.class,
                        e -> assertThat(e.reason()).isEqualTo(GitOpsException.Reason.UNAVAILABLE));

        proposals.close();
        proposals = new GitProposals(properties(), name -> Optional.empty(), GitProposalsTest.CLOCK);
        Proposal after = proposals.propose("bookinfo", "reviews", "after a restart", "alice",
                List.of(new ProposalFile("virtualservice-reviews.yaml", GitProposalsTest.VS.replace("reviews\n", "r3\n"))));
        assertThat(after.commit()).isNotBlank();
        assertThat(lock).doesNotExist();
    }
}
