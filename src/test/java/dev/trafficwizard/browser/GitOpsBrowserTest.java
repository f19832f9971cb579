package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Drift;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * #18 ui on the demo cluster and its local bare repository: the weighted form proposes 80/20 as a Git
 * change (branch and commit shown, the commit checked with JGit in the repository, nothing applied), and
 * once that commit is on the base branch the service page shows the routing that is only in Git; after
 * 90/10 is applied straight to the cluster, it shows the VirtualService differing from Git, with the diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class GitOpsBrowserTest extends BrowserTestBase {

    private static final String FILE = "default/fleetman-webapp/virtualservice-fleetman-webapp.yaml";

    @Autowired
    GitProposals git;
    @Autowired
    Drift drift;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    private ObjectId baseBefore;

    @AfterEach
    void putTheBaseBranchBack() throws IOException {
        if (baseBefore != null) {
            try (Repository repository = repository()) {
                move(repository, baseBefore);
            }
        }
        drift.forget("default", "fleetman-webapp");
        AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-webapp");
    }

    @Test
    void theWeightedFormProposesEightyTwentyAsACommitAndThePageShowsWhatDiffersFromGit() throws IOException {
        assertThat(git.configured()).isTrue();
        Page page = browser.loggedIn(port, "admin");
        page.setViewportSize(1280, 1000);
        page.navigate(url("/services/default/fleetman-webapp/weighted"));
        settle(page);
        page.locator("#weight-0").fill("80");
        assertThat(page.locator("#weight-1")).hasValue("20");
        assertThat(page.locator("#weight-sum")).hasText("100 %");
        page.locator("#weight-1").focus();
        settle(page);
        assertThat(page.locator("#propose-button")).hasText("Propose as Git change");
        page.locator("#propose-button").click();

        assertThat(page.locator("#proposal-done")).containsText("Proposed as a Git change");
        assertThat(page.locator("#proposal-branch")).containsText("traffic-wizard/default-fleetman-webapp");
        assertThat(page.locator("#proposal-repository")).hasText(git.repository());
        assertThat(page.locator("#proposal-files")).containsText("virtualservice-fleetman-webapp.yaml");
        assertThat(page.locator("#proposal-done")).containsText("Nothing was written to the cluster.");
        String branch = page.locator("#proposal-branch").textContent().trim();
        String commit = page.locator("#proposal-commit").getAttribute("data-commit");
        assertThat(page.locator("#proposal-commit")).hasText(commit.substring(0, 7));
        page.locator("#proposal-result").scrollIntoViewIfNeeded();
        BrowserSupport.screenshot(page, "gitops-propose");

        try (Repository repository = repository(); RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve("refs/heads/" + branch);
            assertThat(head).isNotNull();
            assertThat(head.name()).isEqualTo(commit);
            RevCommit proposed = walk.parseCommit(head);
            assertThat(proposed.getFullMessage()).contains("default/fleetman-webapp");
            assertThat(read(repository, proposed, FILE)).contains("kind: VirtualService", "weight: 80", "weight: 20");

            // the reviewer merges the proposal: the base branch now holds the routing the cluster does not
            baseBefore = repository.resolve("refs/heads/" + git.baseBranch());
            move(repository, proposed);
        }
        drift.forget("default", "fleetman-webapp");
        page.navigate(url("/services/default/fleetman-webapp"));
        settle(page);
        assertThat(page.locator("#drift-title")).hasText("Git and cluster");
        assertThat(page.locator("#drift-badge")).hasText("differs from Git");
        assertThat(page.locator("#drift-objects [data-state=git]")).hasCount(2);
        assertThat(page.locator("#drift-objects")).containsText("VirtualService default/fleetman-webapp");
        assertThat(page.locator("#drift-objects [data-state=git]").first()).containsText("only in Git");

        // someone applies 90/10 straight to the cluster: the VirtualService now differs from Git, with the diff
        AsAdmin.run(() -> workflow.apply(RoutingPlan.weighted("default", "fleetman-webapp", List.of(
                new WeightedDestination("original", 90), new WeightedDestination("experimental", 10))),
                RoutingWorkflow.baseVersion(catalog.service("default", "fleetman-webapp").orElseThrow()),
                FormKind.WEIGHTED));
        drift.forget("default", "fleetman-webapp");
        page.navigate(url("/services/default/fleetman-webapp"));
        settle(page);
        assertThat(page.locator("#drift-badge")).hasText("differs from Git");
        var differs = page.locator("#drift-objects [data-state=differs]");
        assertThat(differs).hasCount(1);
        assertThat(differs).containsText("differs from Git");
        assertThat(differs).containsText("VirtualService default/fleetman-webapp");
        assertThat(differs.locator("code.language-diff")).containsText("-      weight: 80");
        assertThat(differs.locator("code.language-diff")).containsText("+      weight: 90");
        page.locator("#git-drift").scrollIntoViewIfNeeded();
        BrowserSupport.part(page.locator("#git-drift"), "gitops-drift");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "screenshots", "gitops-service-page.png")));

        // on a phone the button sits beside Apply (or below it) without widening the page
        page.setViewportSize(390, 844);
        page.navigate(url("/services/default/fleetman-webapp/weighted"));
        settle(page);
        assertThat(page.locator("#propose-button")).isVisible();
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "screenshots", "gitops-phone-form.png")));
    }

    private Repository repository() throws IOException {
        String where = git.repository();
        File dir = where.startsWith("file:") ? new File(java.net.URI.create(where)) : new File(where);
        return new FileRepositoryBuilder().setGitDir(dir).setMustExist(true).build();
    }

    private void move(Repository repository, ObjectId to) throws IOException {
        RefUpdate update = repository.updateRef("refs/heads/" + git.baseBranch());
        update.setNewObjectId(to);
        update.setForceUpdate(true);
        assertThat(update.update()).isIn(RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.FORCED,
                RefUpdate.Result.NO_CHANGE, RefUpdate.Result.NEW);
    }

    private static String read(Repository repository, RevCommit commit, String path) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            assertThat(tree).as(path + " in " + commit.name()).isNotNull();
            ObjectLoader loader = repository.open(tree.getObjectId(0));
            return new String(loader.getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void settle(Page page) {
        page.waitForFunction("() => document.documentElement.getAttribute('data-tw-ready') === 'true'"
                + " && !document.querySelector('.htmx-request')");
    }
}
