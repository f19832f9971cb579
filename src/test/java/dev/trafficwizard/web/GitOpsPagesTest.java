package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.gitops.GitOpsException;
import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.gitops.Proposal;
import dev.trafficwizard.gitops.ProposalFile;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.workflow.Drift;
import dev.trafficwizard.workflow.PlanRejectedException;
import dev.trafficwizard.workflow.Proposals;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.workflow.Reviews;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Simulations;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * #18 ui: "Propose as Git change" beside Apply (shown only with a repository), its answer (branch,
 * short commit, files, pull request; plan errors; Git refusals as an alert, never a 500, nothing
 * applied), and the service page's comparison of Git with the cluster.
 */
@WebMvcTest({RoutingFormController.class, ProposeController.class, ServiceController.class})
@Import({WebTestConfig.class, LiveChecks.class, Drift.class})
@WithMockUser(username = "alice", roles = "OPERATOR")
class GitOpsPagesTest {

    private static final String URL = "/services/default/reviews/weighted";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Autowired
    MockMvc mvc;
    @Autowired
    Drift drift;
    @MockitoBean
    GitProposals git;
    @MockitoBean
    Proposals proposals;
    @MockitoBean
    dev.trafficwizard.workflow.MeshChecks meshChecks;
    @MockitoBean
    dev.trafficwizard.workflow.History history;
    @MockitoBean
    Catalog catalog;
    @MockitoBean
    RoutingWorkflow workflow;
    @MockitoBean
    Simulations simulations;
    @MockitoBean
    Reviews reviews;
    @MockitoBean
    dev.trafficwizard.release.ForeignOwners foreignOwners;

    @Test
    void theButtonShowsOnlyWithARepository() throws Exception {
        given(Fixtures.managed(90, 10));
        assertThat(ok(get(URL))).doesNotContain("id=\"propose-button\"");

        when(git.configured()).thenReturn(true);
        String html = ok(get(URL));
        assertThat(Html.text(html, "propose-button")).isEqualTo("Propose as Git change");
        assertThat(Html.openingTag(html, "propose-button")).contains("hx-post=\"/services/default/reviews/weighted/propose\"");
    }

    @Test
    void theRulesEditorHasItTooAndViewersDoNot() throws Exception {
        given(Fixtures.managed(90, 10));
        when(git.configured()).thenReturn(true);
        String html = ok(get("/services/default/reviews/rules"));
        assertThat(Html.openingTag(html, "propose-button")).contains("hx-post=\"/services/default/reviews/rules/propose\"");
        assertThat(Html.openingTag(html, "apply-button")).isNotEmpty();
    }

    @Test
    @WithMockUser(username = "victor", roles = "VIEWER")
    void viewersSeeNoProposeButtonAndCannotPropose() throws Exception {
        given(Fixtures.managed(90, 10));
        when(git.configured()).thenReturn(true);
        assertThat(ok(get(URL))).doesNotContain("id=\"propose-button\"");
        assertThat(mvc.perform(weights(post(URL + "/propose"), "80", "20")).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        verify(proposals, never()).propose(any(), any());
    }

    @Test
    void inKorean() throws Exception {
        given(Fixtures.managed(90, 10));
        when(git.configured()).thenReturn(true);
        when(git.repository()).thenReturn("/tmp/demo.git");
        when(git.read("default", "reviews")).thenReturn(Optional.of(Map.of("default/reviews/virtualservice-reviews.yaml",
                YamlRenderer.renderOne(RoutingObjectBuilder.build(Fixtures.plan(80, 20), Fixtures.TARGET).virtualService()))));
        drift.forget("default", "reviews");
        jakarta.servlet.http.Cookie korean = new jakarta.servlet.http.Cookie("tw-lang", "ko");

        assertThat(Html.text(ok(get(URL).cookie(korean)), "propose-button")).isEqualTo("Git 변경으로 제안");
        String page = ok(get("/services/default/reviews").cookie(korean));
        assertThat(Html.text(page, "drift-title")).isEqualTo("Git과 클러스터");
        assertThat(Html.text(page, "drift-objects")).contains("Git과 다름 VirtualService default/reviews",
                "클러스터에만 있음 DestinationRule default/reviews");
    }

    @Test
    void aProposalShowsTheBranchTheShortCommitAndTheFilesAndAppliesNothing() throws Exception {
        given(Fixtures.managed(90, 10));
        when(proposals.propose(any(), eq(FormKind.WEIGHTED))).thenReturn(new Proposal(
                "/tmp/demo.git", "traffic-wizard/default-reviews-20261203-070000", COMMIT,
                List.of("default/reviews/virtualservice-reviews.yaml"), "https://github.com/acme/routing/pull/7"));

        String html = ok(weights(post(URL + "/propose"), "80", "20"));

        assertThat(Html.text(html, "proposal-branch")).isEqualTo("traffic-wizard/default-reviews-20261203-070000");
        assertThat(Html.text(html, "proposal-commit")).isEqualTo("0123456");
        assertThat(Html.text(html, "proposal-files")).contains("default/reviews/virtualservice-reviews.yaml");
        assertThat(Html.text(html, "proposal-pull-request")).isEqualTo("https://github.com/acme/routing/pull/7");
        assertThat(Html.text(html, "proposal-done")).contains("Nothing was written to the cluster.");
        ArgumentCaptor<RoutingPlan> plan = ArgumentCaptor.forClass(RoutingPlan.class);
        verify(proposals).propose(plan.capture(), eq(FormKind.WEIGHTED));
        assertThat(plan.getValue().rules().get(0).route()).extracting(WeightedDestination::weight).containsExactly(80, 20);
        verify(workflow, never()).apply(any(), any(), any(), any());
    }

    @Test
    void aPullRequestThatCouldNotBeOpenedIsSaidBesideThePushedBranch() throws Exception {
        given(Fixtures.managed(90, 10));
        when(proposals.propose(any(), any())).thenReturn(new Proposal("https://github.com/acme/routing.git",
                "traffic-wizard/default-reviews-20261203-070000", COMMIT, List.of("default/reviews/virtualservice-reviews.yaml"),
                null, "GitHub answered 403"));

        String html = ok(weights(post(URL + "/propose"), "80", "20"));

        assertThat(Html.text(html, "proposal-pull-request-error"))
                .isEqualTo("The branch was pushed, but the pull request could not be opened: GitHub answered 403");
    }

    @Test
    void planErrorsAreShownAsApplyShowsThemAndNothingIsProposed() throws Exception {
        given(Fixtures.managed(90, 10));

        when(proposals.propose(any(), any())).thenAnswer(call -> {
            throw new PlanRejectedException(PlanValidator.validate(call.<RoutingPlan>getArgument(0), Fixtures.TARGET));
        });

        String html = ok(weights(post(URL + "/propose"), "80", "30"));

        assertThat(html).contains("Not proposed: the routing has errors");
        assertThat(html).doesNotContain("proposal-done");
    }

    @Test
    void aRefusedPushIsAClearAlertNotAnError() throws Exception {
        given(Fixtures.managed(90, 10));
        when(proposals.propose(any(), any())).thenThrow(new GitOpsException(GitOpsException.Reason.REFUSED, "the remote refused main: protected"));

        String html = ok(weights(post(URL + "/propose"), "80", "20"));

        assertThat(Html.openingTag(html, "proposal-failed")).contains("data-reason=\"REFUSED\"");
        assertThat(Html.text(html, "proposal-failed")).contains("Not proposed: the repository refused the change.",
                "the remote refused main: protected", "Nothing was written to the cluster.");
    }

    @Test
    void theServicePageShowsWhatDiffersFromGit() throws Exception {
        ServiceDetail live = Fixtures.managed(90, 10);
        given(live);
        when(git.configured()).thenReturn(true);
        when(git.repository()).thenReturn("/tmp/demo.git");
        var inGit = RoutingObjectBuilder.build(Fixtures.plan(80, 20), Fixtures.TARGET);
        when(git.read("default", "reviews")).thenReturn(Optional.of(Map.of(
                "default/reviews/virtualservice-reviews.yaml", YamlRenderer.renderOne(inGit.virtualService()),
                "default/reviews/destinationrule-reviews.yaml", YamlRenderer.renderOne(inGit.destinationRule()))));
        drift.forget("default", "reviews");

        String html = ok(get("/services/default/reviews"));

        assertThat(Html.text(html, "drift-title")).isEqualTo("Git and cluster");
        assertThat(Html.text(html, "drift-repository")).contains("/tmp/demo.git");
        assertThat(Html.text(html, "drift-objects")).contains("differs from Git VirtualService default/reviews",
                "same as Git DestinationRule default/reviews", "- weight: 80 + weight: 90");
    }

    @Test
    void anUnreachableRepositoryIsAQuietLine() throws Exception {
        given(Fixtures.managed(90, 10));
        when(git.configured()).thenReturn(true);
        when(git.repository()).thenReturn("https://***@git.example.com/routing.git");
        when(git.read("default", "reviews"))
                .thenThrow(new GitOpsException(GitOpsException.Reason.UNAVAILABLE, "connection refused"));
        drift.forget("default", "reviews");

        String html = ok(get("/services/default/reviews"));

        assertThat(Html.text(html, "drift-unavailable"))
                .isEqualTo("The repository could not be read, so the cluster is not compared with Git (connection refused).");
    }

    @Test
    void nothingShowsWithoutARepository() throws Exception {
        given(Fixtures.managed(90, 10));
        assertThat(ok(get("/services/default/reviews"))).doesNotContain("git-drift");
    }

    private void given(ServiceDetail service) {
        when(catalog.service(Fixtures.NS, Fixtures.NAME)).thenReturn(Optional.of(service));
        when(workflow.preview(any(), any())).thenAnswer(call -> Fixtures.preview(call.<RoutingPlan>getArgument(0), service));
    }

    private static MockHttpServletRequestBuilder weights(MockHttpServletRequestBuilder request, String v1, String v2) {
        return request.header("HX-Request", "true").param("version", "v1", "v2").param("weight", v1, v2);
    }

    private String ok(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
