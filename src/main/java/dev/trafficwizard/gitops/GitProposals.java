package dev.trafficwizard.gitops;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured GitOps repository (traffic-wizard.gitops.*): proposes changes as commits on a new
 * branch (and a pull / merge request where configured), and reads what the base branch holds for a
 * service. Filled in by h18-git.
 */
@Component
public class GitProposals {

    /** Whether a repository is configured (on the demo cluster, the demo's local bare repository). */
    public boolean configured() {
        return false;
    }

    /** The repository as shown to users: its URL without credentials, or the demo repository's path. */
    public String repository() {
        return null;
    }

    /**
     * Writes {@code files} under the service's path ({@code path-template}) on a new branch (or the
     * service's branch), commits as {@code author}, pushes, and opens a pull / merge request where
     * configured. Throws {@link GitOpsException}; nothing is left half done.
     */
    public Proposal propose(String namespace, String service, String title, String author, List<ProposalFile> files) {
        throw new GitOpsException(GitOpsException.Reason.NOT_CONFIGURED, "h18-git");
    }

    /** The files the base branch holds under the service's path (path → text); empty when none or not configured. */
    public Optional<Map<String, String>> read(String namespace, String service) {
        return Optional.empty();
    }
}
