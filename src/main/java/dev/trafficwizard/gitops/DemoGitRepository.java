package dev.trafficwizard.gitops;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's GitOps repository: a local bare repository under the system temp dir
 * ({@code traffic-wizard-demo-gitops.git}), seeded with a README on {@code main}; reused when it
 * already exists (proposals of earlier runs stay to be looked at).
 */
final class DemoGitRepository {

    static final String NAME = "traffic-wizard-demo-gitops.git";
    static final String README = """
            # Traffic Wizard demo GitOps repository

            Traffic Wizard's demo proposes routing changes here as Git commits, one branch per proposal
            (`traffic-wizard/<namespace>-<service>-<time>`), with one file per object under
            `<namespace>/<service>/`. Look at them with `git log --all` in a clone of this repository.
            """;

    private DemoGitRepository() {
    }

    static Path create() {
        return create(Path.of(System.getProperty("java.io.tmpdir")).resolve(NAME), "main");
    }

    /** The bare repository at {@code dir}, created and seeded unless it already has {@code branch}. */
    static synchronized Path create(Path dir, String branch) {
        try {
            if (Files.isDirectory(dir) && hasBranch(dir, branch)) {
                return dir;
            }
            Git.init().setBare(true).setInitialBranch(branch).setDirectory(dir.toFile()).call().close();
            Path seed = Files.createTempDirectory("traffic-wizard-demo-seed-");
            try (Git git = Git.cloneRepository().setURI(dir.toUri().toString()).setDirectory(seed.toFile()).call()) {
                Files.writeString(seed.resolve("README.md"), README);
                git.add().addFilepattern("README.md").call();
                PersonIdent who = new PersonIdent("Traffic Wizard", "demo@users.traffic-wizard");
                git.commit().setMessage("Traffic Wizard demo repository").setAuthor(who).setCommitter(who)
                        .setSign(false).call();
                git.push().setRemote("origin").setRefSpecs(new org.eclipse.jgit.transport.RefSpec(
                        "HEAD:refs/heads/" + branch)).call();
            } finally {
                Files.walk(seed).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException | RuntimeException e) {
            if (hasBranch(dir, branch)) {
                // another process (a second dashboard, a test run) created and seeded it meanwhile
                return dir;
            }
            throw new IllegalStateException("the demo repository " + dir + " could not be created", e);
        }
    }

    private static boolean hasBranch(Path dir, String branch) {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
            return repo.resolve("refs/heads/" + branch) != null;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
