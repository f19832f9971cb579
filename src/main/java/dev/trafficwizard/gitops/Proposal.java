package dev.trafficwizard.gitops;

import java.util.List;

/**
 * A change proposed as a Git commit: the repository (credentials never included), the branch it
 * was pushed to, the commit id, the files written, and the pull / merge request opened for it
 * (null when no provider or token is configured).
 */
public record Proposal(String repository, String branch, String commit, List<String> files, String pullRequest) {

    public Proposal {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
