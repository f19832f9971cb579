package dev.trafficwizard.gitops;

/** One file of a proposal: its path in the repository ({@code bookinfo/reviews/virtualservice-reviews.yaml}) and its text. */
public record ProposalFile(String path, String content) {
}
