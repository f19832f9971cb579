package dev.trafficwizard.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pull request (GitHub) and merge request (GitLab) of a pushed proposal, against a local fake
 * of each API: the request's path, headers and body, and the link answered.
 */
class PullRequestsTest {

    static final String TOKEN = "ghp_t0ken-value";

    @TempDir
    Path tmp;
    GitRemote remote;
    HttpServer http;
    GitProposals proposals;
    String method;
    String path;
    Headers headers;
    JsonNode body;
    int status = 201;
    String answer;

    @BeforeEach
    void setUp() throws Exception {
        remote = GitRemote.seeded(tmp.resolve("remote.git"));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            method = exchange.getRequestMethod();
            path = exchange.getRequestURI().getRawPath();
            headers = exchange.getRequestHeaders();
            body = new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes());
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void tearDown() {
        http.stop(0);
        if (proposals != null) {
            proposals.close();
        }
    }

    String api() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    Proposal propose(String provider, String token) {
        // the repository itself is local; the provider's API and the path taken from a URL are what is tested
        GitOpsProperties properties = GitOpsProperties.of(remote.dir.toString()).withProvider(provider, api(), token);
        proposals = new GitProposals(properties, name -> Optional.empty(), GitProposalsTest.CLOCK) {
        };
        return proposals.propose("bookinfo", "reviews", "Traffic Wizard: weighted routing for bookinfo/reviews",
                "alice", List.of(new ProposalFile("virtualservice-reviews.yaml", GitProposalsTest.VS)));
    }

    @Test
    void githubGetsAPullRequestAndItsLinkIsAnswered() throws Exception {
        answer = "{\"number\":7,\"html_url\":\"https://github.com/shop/routing/pull/7\"}";
        var pulls = new PullRequests();
        GitOpsProperties properties = GitOpsProperties.of("https://github.com/shop/routing.git")
                .withProvider("github", api(), TOKEN);

        String link = pulls.open("github", properties, "https://github.com/shop/routing.git", TOKEN,
                "traffic-wizard/bookinfo-reviews-20261203-071530", "Traffic Wizard: weighted routing", "the message");

        assertThat(link).isEqualTo("https://github.com/shop/routing/pull/7");
        assertThat(method).isEqualTo("POST");
        assertThat(path).isEqualTo("/repos/shop/routing/pulls");
        assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(headers.getFirst("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(headers.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(body.get("title").asText()).isEqualTo("Traffic Wizard: weighted routing");
        assertThat(body.get("head").asText()).isEqualTo("traffic-wizard/bookinfo-reviews-20261203-071530");
        assertThat(body.get("base").asText()).isEqualTo("main");
        assertThat(body.get("body").asText()).isEqualTo("the message");
    }

    @Test
    void gitlabGetsAMergeRequestOnTheUrlEncodedProject() throws Exception {
        answer = "{\"iid\":3,\"web_url\":\"https://gitlab.example.com/platform/mesh/routing/-/merge_requests/3\"}";
        GitOpsProperties properties = GitOpsProperties.of("https://gitlab.example.com/platform/mesh/routing.git")
                .withProvider("gitlab", api(), TOKEN);

        String link = new PullRequests().open("gitlab", properties,
                "https://gitlab.example.com/platform/mesh/routing.git", TOKEN, "traffic-wizard/x", "T", "M");

        assertThat(link).isEqualTo("https://gitlab.example.com/platform/mesh/routing/-/merge_requests/3");
        assertThat(path).isEqualTo("/api/v4/projects/platform%2Fmesh%2Frouting/merge_requests");
        assertThat(headers.getFirst("PRIVATE-TOKEN")).isEqualTo(TOKEN);
        assertThat(body.get("source_branch").asText()).isEqualTo("traffic-wizard/x");
        assertThat(body.get("target_branch").asText()).isEqualTo("main");
        assertThat(body.get("title").asText()).isEqualTo("T");
        assertThat(body.get("description").asText()).isEqualTo("M");
    }

    @Test
    void theProviderIsGuessedFromTheUrl() {
        GitOpsProperties none = GitOpsProperties.of("x");
        assertThat(PullRequests.provider(none, "https://github.com/shop/routing.git")).isEqualTo("github");
        assertThat(PullRequests.provider(none, "https://gitlab.example.com/a/b.git")).isEqualTo("gitlab");
        assertThat(PullRequests.provider(none, "https://git.example.com/a/b.git")).isNull();
        assertThat(PullRequests.provider(none, "/tmp/repo.git")).isNull();
        assertThat(PullRequests.provider(none.withProvider("none", null, null), "https://github.com/a/b")).isNull();
    }

    @Test
    void aProposalOpensThePullRequestWithItsBranch() throws Exception {
        answer = "{\"html_url\":\"https://github.com/shop/routing/pull/8\"}";

        Proposal proposal = propose("github", TOKEN);

        assertThat(proposal.pullRequest()).isEqualTo("https://github.com/shop/routing/pull/8");
        assertThat(proposal.pullRequestError()).isNull();
        assertThat(body.get("head").asText()).isEqualTo(proposal.branch());
        assertThat(body.get("title").asText()).isEqualTo("Traffic Wizard: weighted routing for bookinfo/reviews");
    }

    @Test
    void aFailedPullRequestStillAnswersThePushedBranchAndSaysWhy() throws Exception {
        status = 422;
        answer = "{\"message\":\"Validation Failed\"}";

        Proposal proposal = propose("github", TOKEN);

        assertThat(proposal.pullRequest()).isNull();
        assertThat(proposal.pullRequestError()).contains("was pushed", "HTTP 422", "Validation Failed")
                .doesNotContain(TOKEN);
        assertThat(remote.commit(proposal.branch()).name()).isEqualTo(proposal.commit());
    }

    @Test
    void anExistingMergeRequestIsNamedInTheError() throws Exception {
        status = 409;
        answer = "{\"message\":[\"Another open merge request already exists for this source branch: !3\"]}";

        Proposal proposal = propose("gitlab", TOKEN);

        assertThat(proposal.pullRequestError()).contains("merge request could not be opened",
                "GitLab answered HTTP 409: Another open merge request already exists for this source branch: !3");
    }

    @Test
    void withoutATokenNoPullRequestIsOpened() throws Exception {
        answer = "{}";
        Proposal proposal = propose("github", null);
        assertThat(proposal.pullRequest()).isNull();
        assertThat(proposal.pullRequestError()).isNull();
        assertThat(method).as("the API was not called").isNull();
    }
}
