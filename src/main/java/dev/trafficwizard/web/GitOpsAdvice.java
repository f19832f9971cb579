package dev.trafficwizard.web;

import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.workflow.Drift;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * #18 ui: what the pages need of GitOps ({@code gitOps} in every model): whether "Propose as Git
 * change" is offered, and the service page's comparison of Git with the cluster. Without a
 * repository (or in a test slice without the beans) nothing is offered and nothing shows.
 */
@ControllerAdvice
class GitOpsAdvice {

    private final ObjectProvider<GitProposals> git;
    private final ObjectProvider<Drift> drift;

    GitOpsAdvice(ObjectProvider<GitProposals> git, ObjectProvider<Drift> drift) {
        this.git = git;
        this.drift = drift;
    }

    @ModelAttribute("gitOps")
    GitOpsView gitOps() {
        return new GitOpsView(git.getIfAvailable(), drift.getIfAvailable());
    }

    /** For templates; computed only when a template asks. */
    record GitOpsView(GitProposals git, Drift drift) {

        public boolean proposing() {
            return git != null && git.configured();
        }

        /** The comparison for the service page, null when nothing is to be shown. */
        public Drift.Report drift(ServiceDetail service) {
            return drift == null ? null : drift.of(service).orElse(null);
        }
    }
}
