package dev.trafficwizard.gitops;

/**
 * One file of a proposal: its path and its text. A path without '/' ({@code virtualservice-reviews.yaml})
 * goes into the service's directory ({@code path-template}); a path with '/' is taken from the
 * repository's root. A null {@code content} deletes the file (when the branch has it).
 */
public record ProposalFile(String path, String content) {

    /** A file to delete. */
    public static ProposalFile deletion(String path) {
        return new ProposalFile(path, null);
    }

    public boolean deletes() {
        return content == null;
    }
}
