package dev.trafficwizard.gitops;

import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.cluster.GitOpsSecrets;
import jakarta.annotation.PreDestroy;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The configured GitOps repository (traffic-wizard.gitops.*): proposes changes as commits on a new
 * branch (or the service's branch) and opens a pull / merge request where configured, and reads
 * what the base branch holds for a service. One working clone, used by one proposal or read at a
 * time; credentials are read for each use and never logged, answered or thrown.
 */
@Component
@EnableConfigurationProperties(GitOpsProperties.class)
public class GitProposals {

    private static final Logger log = LoggerFactory.getLogger(GitProposals.class);
    static final String BRANCH_PREFIX = "traffic-wizard/";
    /** Reads (the drift card of every service page) fetch at most this often; a proposal always fetches. */
    static final long READ_FRESH_MILLIS = 10_000;
    /** #18 fix: a read (a page being rendered) waits this long for a proposal or another read, then answers {@link #BUSY}. */
    static final long READ_WAIT_MILLIS = 200;
    /** What a read answers while the working clone is in use. */
    public static final String BUSY = "repository busy";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final GitOpsProperties properties;
    private final Function<String, Optional<Map<String, String>>> secrets;
    private final Clock clock;
    private final RepositoryUrl url;
    private final String shown;
    final ReentrantLock lock = new ReentrantLock();
    private final PullRequests pullRequests = new PullRequests();
    private WorkingClone clone;
    /** When the base branch was last fetched for a read, and its commit: reads within READ_FRESH_MILLIS reuse it. */
    private long synced;
    private ObjectId syncedBase;
    private Path cloneDir;
    private boolean temporaryCloneDir;

    @Autowired
    GitProposals(GitOpsProperties properties, GitOpsSecrets secrets, ClusterInfo cluster) {
        this(demo(properties, cluster), secrets::read, Clock.systemUTC(), cluster.demo() && properties.repository() == null);
    }

    /** Outside Spring (tests): {@code secrets} reads a Secret of the dashboard's namespace by name. */
    public GitProposals(GitOpsProperties properties, Function<String, Optional<Map<String, String>>> secrets,
                        Clock clock) {
        this(properties, secrets, clock, false);
    }

    private GitProposals(GitOpsProperties properties, Function<String, Optional<Map<String, String>>> secrets,
                         Clock clock, boolean demo) {
        this.properties = properties;
        this.secrets = secrets;
        this.clock = clock;
        this.url = properties.repository() == null ? null : RepositoryUrl.parse(properties.repository());
        this.shown = url == null ? null : demo ? url.url() : url.shown();
        if (demo) {
            log.info("GitOps proposals of the demo go to the local bare repository {}", shown);
        } else if (url != null) {
            log.info("GitOps proposals go to {} (base branch {})", shown, properties.branch());
        }
    }

    private static GitOpsProperties demo(GitOpsProperties properties, ClusterInfo cluster) {
        if (properties.repository() != null || !cluster.demo()) {
            return properties;
        }
        return properties.withRepository(DemoGitRepository.create(
                Path.of(System.getProperty("java.io.tmpdir")).resolve(DemoGitRepository.NAME), properties.branch())
                .toString());
    }

    /** Whether a repository is configured (on the demo cluster, the demo's local bare repository). */
    public boolean configured() {
        return url != null;
    }

    /** The repository as shown to users: its URL without credentials, or the demo repository's path. */
    public String repository() {
        return shown;
    }

    /** The base branch proposals start from and {@link #read} reads. */
    public String baseBranch() {
        return properties.branch();
    }

    /** The service's directory in the repository ({@code path-template} filled in, ending with '/'). */
    public String directory(String namespace, String service) {
        return properties.directory(namespace, service);
    }

    /**
     * Writes {@code files} under the service's path ({@code path-template}) on a new branch (or the
     * service's branch), commits as {@code author} with the message {@code title}, pushes, and opens a
     * pull / merge request where configured. Throws {@link GitOpsException}; a refused push leaves
     * no remote branch and the working clone clean. A pull request that fails after the push is
     * answered as {@link Proposal#pullRequestError()} (the pushed branch stays).
     */
    public Proposal propose(String namespace, String service, String title, String author, List<ProposalFile> files) {
        if (!configured()) {
            throw new GitOpsException(GitOpsException.Reason.NOT_CONFIGURED, "no GitOps repository is configured");
        }
        lock.lock();
        try {
            GitCredentials credentials = credentials();
            WorkingClone git = workingClone();
            Map<String, String> content = new LinkedHashMap<>();
            files.forEach(f -> content.put(path(namespace, service, f.path()), f.content()));
            String branch;
            RevCommit commit;
            boolean[] pushed = {false};
            for (int attempt = 1; ; attempt++) {
                ObjectId base = git.sync(credentials.provider());
                syncedBase = null;
                branch = branch(git, namespace, service);
                try {
                    ObjectId start = properties.branchPerProposal() || git.remoteBranch(branch) == null ? base
                            : git.remoteBranch(branch);
                    commit = git.commit(start, start.equals(base) ? content
                            : withoutStale(git, start, base, directory(namespace, service), content), ident(author), title);
                    git.push(commit, branch, credentials.provider(), credentials.secrets());
                    pushed[0] = true;
                    break;
                } catch (WorkingClone.BranchMoved e) {
                    // a new branch of the same name appeared since the fetch (another dashboard): a new name
                    if (!properties.branchPerProposal() || attempt >= 3) {
                        throw redacted(e, credentials);
                    }
                } catch (GitOpsException e) {
                    throw redacted(e, credentials);
                } catch (GitAPIException | IOException | RuntimeException e) {
                    // #18 fix: JGit's runtime exceptions too (JGitInternalException: a lock it could not take)
                    throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, "the commit could not be made: "
                            + Redaction.text(e.getMessage(), credentials.secrets()), null);
                } finally {
                    reset(git, base, pushed);
                }
            }
            log.info("Proposed {} file(s) for {}/{} as commit {} on branch {} of {}", content.size(), namespace,
                    service, commit.name(), branch, shown);
            return pullRequests.attach(new Proposal(shown, branch, commit.name(), new ArrayList<>(content.keySet()),
                    null), properties, url.url(), credentials, title);
        } finally {
            lock.unlock();
        }
    }

    /**
     * #18 fix: back to the base after a proposal; once the push succeeded a failing reset does not turn
     * the answer into a failure (logged; the next proposal resets again).
     */
    private static void reset(WorkingClone git, ObjectId base, boolean[] pushed) {
        if (!pushed[0]) {
            git.resetTo(base);
            return;
        }
        try {
            git.resetTo(base);
        } catch (RuntimeException e) {
            log.warn("The working clone was not reset after a successful push: {}", Redaction.url(e.getMessage()));
        }
    }

    /**
     * The files the base branch holds under the service's path (repository path → text); empty when
     * none or not configured. Throws {@link GitOpsException} (UNAVAILABLE) when the repository cannot be read.
     */
    public Optional<Map<String, String>> read(String namespace, String service) {
        if (!configured()) {
            return Optional.empty();
        }
        try {
            if (!lock.tryLock(READ_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, BUSY);
        }
        try {
            ObjectId base = recentBase();
            if (base == null) {
                base = workingClone().fetch(credentials().provider());
                synced = clock.millis();
                syncedBase = base;
            }
            Map<String, String> files = workingClone().read(base, directory(namespace, service));
            return files.isEmpty() ? Optional.empty() : Optional.of(files);
        } catch (IOException | RuntimeException e) {
            if (e instanceof GitOpsException gitOps) {
                throw gitOps;
            }
            throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, "the repository " + shown
                    + " could not be read: " + Redaction.url(e.getMessage()), null);
        } finally {
            lock.unlock();
        }
    }

    private ObjectId recentBase() {
        long age = clock.millis() - synced;
        return syncedBase != null && age >= 0 && age < READ_FRESH_MILLIS ? syncedBase : null;
    }

    /**
     * #18 fix: on the service's branch (branch-per-proposal=false), the files an earlier unmerged proposal
     * left under the service's directory that this one does not write and the base does not have are deleted.
     */
    private static Map<String, String> withoutStale(WorkingClone git, ObjectId branch, ObjectId base, String directory,
                                                    Map<String, String> content) throws IOException {
        Map<String, String> out = new LinkedHashMap<>(content);
        var onBase = git.read(base, directory).keySet();
        for (String path : git.read(branch, directory).keySet()) {
            if (!content.containsKey(path) && !onBase.contains(path)) {
                out.put(path, null);
            }
        }
        return out;
    }

    private String branch(WorkingClone git, String namespace, String service) {
        String name = BRANCH_PREFIX + namespace + "-" + service;
        if (!properties.branchPerProposal()) {
            return name;
        }
        String stamped = name + "-" + STAMP.format(clock.instant());
        String candidate = stamped;
        for (int n = 2; git.hasRemoteBranch(candidate); n++) {
            candidate = stamped + "-" + n;
        }
        return candidate;
    }

    private String path(String namespace, String service, String file) {
        return file.contains("/") ? file : directory(namespace, service) + file;
    }

    private static PersonIdent ident(String author) {
        String name = author == null || author.isBlank() ? "traffic-wizard" : author;
        String email = name.contains("@") ? name : name.replaceAll("[^A-Za-z0-9._-]", "_") + "@users.traffic-wizard";
        return new PersonIdent(name, email);
    }

    private GitCredentials credentials() {
        try {
            return GitCredentials.of(properties, secrets, url.user(), url.password());
        } catch (IllegalStateException e) {
            throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, e.getMessage());
        }
    }

    private GitOpsException redacted(GitOpsException e, GitCredentials credentials) {
        return new GitOpsException(e.reason(), Redaction.text(e.getMessage(), credentials.secrets()));
    }

    private WorkingClone workingClone() {
        if (clone == null) {
            try {
                if (properties.workDir() != null) {
                    cloneDir = Path.of(properties.workDir()).resolve("clone-"
                            + Integer.toHexString(url.url().hashCode()));
                } else {
                    cloneDir = Files.createTempDirectory("traffic-wizard-gitops-");
                    temporaryCloneDir = true;
                }
            } catch (IOException e) {
                throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, "no working directory: " + e.getMessage());
            }
            clone = new WorkingClone(url.url(), properties.branch(), cloneDir);
        }
        return clone;
    }

    /** Whether the working clone is clean, on the base branch (tests). */
    boolean cloneClean() throws GitAPIException {
        return clone == null || clone.clean();
    }

    @PreDestroy
    void close() {
        lock.lock();
        try {
            if (clone != null) {
                clone.close();
                clone = null;
            }
            if (temporaryCloneDir && cloneDir != null && Files.isDirectory(cloneDir)) {
                try (var paths = Files.walk(cloneDir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    log.debug("The working clone {} was not removed: {}", cloneDir, e.getMessage());
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
