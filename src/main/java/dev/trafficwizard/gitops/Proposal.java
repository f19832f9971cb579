package dev.trafficwizard.gitops;

import java.util.List;

/**
 * A change proposed as a Git commit: the repository (credentials never included), the branch it
 * was pushed to, the commit id, the files written (repository paths; deleted files included), and
 * the pull / merge request opened for it (null when no provider or token is configured, or when
 * opening it failed: then {@code pullRequestError} says why; the branch and commit were pushed all
 * the same).
 */
public record Proposal(String repository, String branch, String commit, List<String> files, String pullRequest,
                       String pullRequestError) {

    public Proposal {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public Proposal(String repository, String branch, String commit, List<String> files, String pullRequest) {
        this(repository, branch, commit, files, pullRequest, null);
    }
}
