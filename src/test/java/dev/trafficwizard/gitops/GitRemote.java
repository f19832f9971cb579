package dev.trafficwizard.gitops;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A local bare repository as the remote of the tests, read with JGit from the other side. */
final class GitRemote {

    final Path dir;

    GitRemote(Path dir) {
        this.dir = dir;
    }

    static GitRemote seeded(Path dir) {
        return new GitRemote(DemoGitRepository.create(dir, "main"));
    }

    Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }

    RevCommit commit(String branch) throws IOException {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            var id = repo.resolve("refs/heads/" + branch);
            return id == null ? null : walk.parseCommit(id);
        }
    }

    boolean hasBranch(String branch) throws IOException {
        return commit(branch) != null;
    }

    long branchCount() throws IOException {
        try (Repository repo = open()) {
            return repo.getRefDatabase().getRefsByPrefix("refs/heads/").size();
        }
    }

    Map<String, String> files(String branch) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(repo.resolve("refs/heads/" + branch)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                out.put(tree.getPathString(), new String(repo.open(tree.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** A commit pushed to {@code branch} by someone else, from their own clone. */
    void pushFromElsewhere(Path work, String branch, String path, String text) throws Exception {
        try (Git git = Git.cloneRepository().setURI(dir.toUri().toString()).setBranch(branch)
                .setDirectory(work.toFile()).call()) {
            java.nio.file.Files.createDirectories(work.resolve(path).getParent());
            java.nio.file.Files.writeString(work.resolve(path), text);
            git.add().addFilepattern(".").call();
            var who = new org.eclipse.jgit.lib.PersonIdent("someone", "someone@example.com");
            git.commit().setMessage("by hand").setAuthor(who).setCommitter(who).setSign(false).call();
            git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/" + branch)).call();
        }
    }
}
