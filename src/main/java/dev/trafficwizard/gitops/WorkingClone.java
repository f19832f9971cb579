package dev.trafficwizard.gitops;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's working clone of the repository: cloned once, fetched before each use, always
 * left detached on the fetched base branch with a clean work tree. Not thread-safe: the caller
 * serialises ({@link GitProposals}). Messages name the repository only as {@code url} (no credentials).
 */
final class WorkingClone implements AutoCloseable {

    static final String REMOTE = "origin";
    /** Seconds a clone, fetch or push may wait on the remote before it counts as unreachable. */
    static final int TIMEOUT_SECONDS = 30;

    private final String url;
    private final String base;
    private final Path dir;
    private Git git;

    WorkingClone(String url, String base, Path dir) {
        this.url = url;
        this.base = base;
        this.dir = dir;
    }

    /** Clones (once) and fetches every branch; answers the base branch's commit, with the work tree reset to it. */
    ObjectId sync(CredentialsProvider credentials) {
        ObjectId head = fetch(credentials);
        resetTo(head);
        return head;
    }

    /**
     * #18 fix: clones (once) and fetches every branch; answers the base branch's commit. The work tree is
     * left alone: a read takes the files from the object store ({@link #read}).
     */
    ObjectId fetch(CredentialsProvider credentials) {
        try {
            if (git == null) {
                open(credentials);
            }
            git.fetch().setRemote(REMOTE).setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
                    .setRemoveDeletedRefs(true).setCredentialsProvider(credentials).setTimeout(TIMEOUT_SECONDS).call();
            ObjectId head = remoteBranch(base);
            if (head == null) {
                throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE,
                        "the repository " + url + " has no branch " + base);
            }
            return head;
        } catch (TransportException e) {
            throw transport("could not be read", e);
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE,
                    "the working clone of " + url + " failed: " + Redaction.url(e.getMessage()), null);
        }
    }

    private void open(CredentialsProvider credentials) throws GitAPIException, IOException {
        if (Files.isDirectory(dir.resolve(".git"))) {
            // #18 fix: a lock left by a dashboard stopped mid-write; only this dashboard uses the clone
            Files.deleteIfExists(dir.resolve(".git").resolve("index.lock"));
            git = Git.open(dir.toFile());
            git.getRepository().getConfig().setString("remote", REMOTE, "url", url);
            return;
        }
        Files.createDirectories(dir);
        git = Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setNoCheckout(true)
                .setCredentialsProvider(credentials).setTimeout(TIMEOUT_SECONDS).call();
    }

    /** The fetched commit of the remote branch, or null when the remote has no such branch. */
    ObjectId remoteBranch(String branch) throws IOException {
        return git.getRepository().resolve("refs/remotes/" + REMOTE + "/" + branch);
    }

    boolean hasRemoteBranch(String branch) {
        try {
            return remoteBranch(branch) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * On top of {@code start}: writes the files (path → text; null text: delete), commits them as
     * {@code author}. Refused when nothing changes.
     */
    RevCommit commit(ObjectId start, Map<String, String> files, PersonIdent author, String message)
            throws GitAPIException, IOException {
        resetTo(start);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey()).normalize();
            if (!path.startsWith(dir) || path.startsWith(dir.resolve(".git"))) {
                throw new GitOpsException(GitOpsException.Reason.REFUSED, "the path " + file.getKey()
                        + " is outside the repository");
            }
            if (file.getValue() == null) {
                Files.deleteIfExists(path);
            } else {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
        }
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        if (git.status().call().isClean()) {
            throw new GitOpsException(GitOpsException.Reason.REFUSED,
                    "nothing to propose: the branch already holds exactly these files");
        }
        return git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false)
                .setNoVerify(true).call();
    }

    /** Pushes {@code commit} to {@code branch} (never forced); a refusal throws REFUSED and changes nothing remotely. */
    void push(RevCommit commit, String branch, CredentialsProvider credentials, List<String> secrets) {
        Iterable<PushResult> results;
        try {
            results = git.push().setRemote(REMOTE).setCredentialsProvider(credentials).setTimeout(TIMEOUT_SECONDS)
                    .setRefSpecs(new RefSpec(commit.name() + ":" + Constants.R_HEADS + branch)).call();
        } catch (TransportException e) {
            throw transport("refused the push", e);
        } catch (GitAPIException e) {
            throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, "the push to " + url + " failed: "
                    + Redaction.text(e.getMessage(), secrets), null);
        }
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() == RemoteRefUpdate.Status.OK
                        || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE) {
                    continue;
                }
                if (moved(update)) {
                    throw new BranchMoved(GitOpsException.Reason.REFUSED, "the repository " + url
                            + " refused the push to " + branch
                            + ": the branch moved meanwhile (not a fast-forward); nothing was pushed, try again");
                }
                throw new GitOpsException(GitOpsException.Reason.REFUSED, "the repository " + url
                        + " refused the push to " + branch + ": " + Redaction.text(reason(update, result), secrets)
                        + "; nothing was pushed");
            }
        }
    }

    /** Not a fast-forward: JGit's own receive-pack reports it as "non-fast forward", git's as "non-fast-forward". */
    private static boolean moved(RemoteRefUpdate update) {
        return switch (update.getStatus()) {
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> true;
            case REJECTED_OTHER_REASON -> update.getMessage() != null
                    && update.getMessage().toLowerCase(Locale.ROOT).matches(".*(non-fast[- ]forward|fetch first).*");
            default -> false;
        };
    }

    private static String reason(RemoteRefUpdate update, PushResult result) {
        String message = update.getMessage() != null ? update.getMessage() : update.getStatus().name()
                .toLowerCase(Locale.ROOT).replace('_', ' ');
        String remote = result.getMessages() == null ? "" : result.getMessages().trim();
        return remote.isEmpty() ? message : message + " (" + remote.replace('\n', ' ') + ")";
    }

    /** The push was refused because the branch moved (or was created) on the remote since the fetch. */
    static final class BranchMoved extends GitOpsException {
        BranchMoved(Reason reason, String message) {
            super(reason, message);
        }
    }

    /** The files under {@code directory} on the fetched base branch (path → text). */
    Map<String, String> read(ObjectId commit, String directory) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Repository repo = git.getRepository();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            String prefix = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
            if (!prefix.isEmpty()) {
                tree.setFilter(PathFilter.create(prefix));
            }
            while (tree.next()) {
                out.put(tree.getPathString(), new String(repo.open(tree.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Back to a clean work tree on {@code commit} (detached): after every proposal, done or failed. */
    void resetTo(ObjectId commit) {
        try {
            git.checkout().setName(commit.name()).setForced(true).call();
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
            git.clean().setCleanDirectories(true).setForce(true).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, "the working clone could not be reset: "
                    + Redaction.url(e.getMessage()), null);
        }
    }

    /** Whether the work tree is clean (tests). */
    boolean clean() throws GitAPIException {
        return git == null || git.status().call().isClean();
    }

    private GitOpsException transport(String what, TransportException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        // words of JGit's messages only: a port or path may contain "401"
        boolean auth = message.contains("not authorized") || message.contains("authentication")
                || message.contains("not permitted") || message.contains("forbidden");
        return new GitOpsException(auth ? GitOpsException.Reason.REFUSED : GitOpsException.Reason.UNAVAILABLE,
                "the repository " + url + " " + (auth ? "refused the credentials" : what + ": "
                        + Redaction.url(e.getMessage())), null);
    }

    @Override
    public void close() {
        if (git != null) {
            git.close();
        }
    }
}
