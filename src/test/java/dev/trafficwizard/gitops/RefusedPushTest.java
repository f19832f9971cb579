package dev.trafficwizard.gitops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A remote that refuses the push (a pre-receive hook of a JGit daemon, a branch moved meanwhile,
 * wrong credentials) or cannot be reached: a clear error, no remote branch, the working clone clean,
 * and no credential in any log line or message.
 */
class RefusedPushTest {

    static final String SECRET = "s3cr3t-Pa55word";
    static final List<ProposalFile> FILES = List.of(new ProposalFile("virtualservice-reviews.yaml", GitProposalsTest.VS));

    @TempDir
    Path tmp;
    GitRemote remote;
    Daemon daemon;
    HttpServer http;
    GitProposals proposals;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level rootLevel;

    @BeforeEach
    void setUp() {
        remote = GitRemote.seeded(tmp.resolve("remote.git"));
        logs.start();
        root.addAppender(logs);
        rootLevel = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterEach
    void tearDown() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        if (proposals != null) {
            proposals.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    GitProposals proposals(GitOpsProperties properties) {
        proposals = new GitProposals(properties, name -> Optional.empty(), GitProposalsTest.CLOCK);
        return proposals;
    }

    /** The remote served over git:// by a JGit daemon whose pre-receive hook refuses every update. */
    String refusingDaemon() throws Exception {
        daemon = new Daemon(new InetSocketAddress("127.0.0.1", 0));
        daemon.getService("git-receive-pack").setEnabled(true);
        daemon.setRepositoryResolver((request, name) -> {
            try {
                return remote.open();
            } catch (java.io.IOException e) {
                throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name, e);
            }
        });
        daemon.setReceivePackFactory((request, db) -> {
            ReceivePack pack = new ReceivePack(db);
            pack.setPreReceiveHook((rp, commands) -> commands.forEach(c ->
                    c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "branches are protected by policy")));
            return pack;
        });
        daemon.start();
        return "git://127.0.0.1:" + daemon.getAddress().getPort() + "/remote.git";
    }

    @Test
    void aPushRefusedByAHookIsAClearErrorWithNothingLeftBehind() throws Exception {
        GitProposals git = proposals(GitOpsProperties.of(refusingDaemon()));

        GitOpsException e = catchThrowableOfType(GitOpsException.class,
                () -> git.propose("bookinfo", "reviews", "t", "alice", FILES));

        assertThat(e.reason()).isEqualTo(GitOpsException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("refused the push to traffic-wizard/bookinfo-reviews-20261203-071530",
                "branches are protected by policy", "nothing was pushed");
        assertThat(remote.branchCount()).as("only main").isEqualTo(1);
        assertThat(git.cloneClean()).isTrue();
    }

    @Test
    void aNewBranchTakenMeanwhileIsProposedAgainUnderAFreshFetch() throws Exception {
        int[] pushes = {0};
        daemon = new Daemon(new InetSocketAddress("127.0.0.1", 0));
        daemon.getService("git-receive-pack").setEnabled(true);
        daemon.setRepositoryResolver((request, name) -> {
            try {
                return remote.open();
            } catch (java.io.IOException e) {
                throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name, e);
            }
        });
        daemon.setReceivePackFactory((request, db) -> {
            ReceivePack pack = new ReceivePack(db);
            pack.setPreReceiveHook((rp, commands) -> {
                if (pushes[0]++ == 0) {
                    // as if another dashboard had just pushed a branch of the same name
                    commands.forEach(c -> c.setResult(ReceiveCommand.Result.REJECTED_NONFASTFORWARD));
                }
            });
            return pack;
        });
        daemon.start();
        GitProposals git = proposals(GitOpsProperties.of("git://127.0.0.1:" + daemon.getAddress().getPort()
                + "/remote.git"));

        Proposal proposal = git.propose("bookinfo", "reviews", "t", "alice", FILES);

        assertThat(pushes[0]).isEqualTo(2);
        assertThat(remote.commit(proposal.branch()).name()).isEqualTo(proposal.commit());
        assertThat(git.cloneClean()).isTrue();
    }

    @Test
    void aServiceBranchMovedMeanwhileIsRefusedAsNotAFastForward() throws Exception {
        GitProposals git = proposals(GitOpsProperties.of(remote.dir.toString()).withBranchPerProposal(false));
        git.propose("bookinfo", "reviews", "one", "alice", FILES);
        String branch = "traffic-wizard/bookinfo-reviews";
        WorkingClone clone = new WorkingClone(remote.dir.toString(), "main", tmp.resolve("clone"));
        clone.sync(null);
        var seen = clone.remoteBranch(branch);
        // someone pushes to the service branch between this clone's fetch and its push
        remote.pushFromElsewhere(tmp.resolve("elsewhere"), branch, "bookinfo/reviews/y.yaml", "y: 1\n");
        var before = remote.commit(branch);
        var commit = clone.commit(seen, java.util.Map.of("bookinfo/reviews/x.yaml", "x: 1\n"),
                new org.eclipse.jgit.lib.PersonIdent("bob", "bob@users.traffic-wizard"), "stale");

        assertThatThrownBy(() -> clone.push(commit, branch, null, List.of()))
                .isInstanceOf(GitOpsException.class).hasMessageContaining("not a fast-forward")
                .extracting(x -> ((GitOpsException) x).reason()).isEqualTo(GitOpsException.Reason.REFUSED);
        assertThat(remote.commit(branch)).isEqualTo(before);
        clone.close();
    }

    @Test
    void wrongCredentialsAreRefusedAndNeverShown() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> authorizations = new ArrayList<>();
        http.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        http.start();
        String url = "https://alice:" + SECRET + "@127.0.0.1:" + http.getAddress().getPort() + "/shop/routing.git";
        GitProposals git = proposals(GitOpsProperties.of(url.replace("https", "http")));

        assertThat(git.repository()).doesNotContain(SECRET).contains("http://127.0.0.1:");
        GitOpsException e = catchThrowableOfType(GitOpsException.class,
                () -> git.propose("bookinfo", "reviews", "t", "alice", FILES));

        assertThat(e.reason()).isEqualTo(GitOpsException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("refused the credentials").doesNotContain(SECRET, "alice:");
        assertThat(authorizations).as("the credentials were offered").anyMatch(a -> a != null && a.startsWith("Basic "));
        assertNoSecretLogged();
    }

    @Test
    void anUnreachableRepositoryIsUnavailableWithoutTheCredentials() throws Exception {
        var closed = new java.net.ServerSocket(0);
        int port = closed.getLocalPort();
        closed.close();
        GitProposals git = proposals(GitOpsProperties.of("https://bot:" + SECRET + "@127.0.0.1:" + port + "/r.git"));

        GitOpsException e = catchThrowableOfType(GitOpsException.class,
                () -> git.propose("bookinfo", "reviews", "t", "alice", FILES));

        assertThat(e.reason()).isEqualTo(GitOpsException.Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("https://127.0.0.1:" + port + "/r.git").doesNotContain(SECRET);
        assertThatThrownBy(() -> git.read("bookinfo", "reviews")).isInstanceOf(GitOpsException.class)
                .hasMessageNotContaining(SECRET);
        assertNoSecretLogged();
    }

    @Test
    void urlsWithCredentialsAreRedacted() {
        assertThat(Redaction.url("push to https://bot:" + SECRET + "@git.example.com/a.git failed"))
                .isEqualTo("push to https://***@git.example.com/a.git failed");
        assertThat(Redaction.text("token " + SECRET + " refused", List.of(SECRET))).isEqualTo("token *** refused");
        assertThat(RepositoryUrl.parse("https://bot:" + SECRET + "@git.example.com/a.git"))
                .isEqualTo(new RepositoryUrl("https://git.example.com/a.git", "bot", SECRET));
    }

    private void assertNoSecretLogged() {
        // other threads may still log while this reads: a copy taken under the appender's own lock
        List<ILoggingEvent> logged;
        synchronized (logs) {
            logged = new java.util.ArrayList<>(logs.list);
        }
        assertThat(logged).isNotEmpty();
        for (ILoggingEvent event : logged) {
            assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(SECRET);
            }
        }
    }
}
