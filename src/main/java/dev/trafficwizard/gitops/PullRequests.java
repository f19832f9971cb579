package dev.trafficwizard.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Opens the pull request (GitHub: {@code POST {api}/repos/{owner}/{repo}/pulls}) or merge request
 * (GitLab: {@code POST {api}/api/v4/projects/{path}/merge_requests}) of a pushed branch, and answers
 * its web address ({@code html_url} / {@code web_url}).
 */
final class PullRequests {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PullRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** github, gitlab or null: the configured provider, else guessed from the repository's host. */
    static String provider(GitOpsProperties properties, String url) {
        if (properties.provider() != null) {
            return "none".equals(properties.provider()) ? null : properties.provider();
        }
        String host = host(url);
        if (host == null) {
            return null;
        }
        return host.equals("github.com") ? "github" : host.contains("gitlab") ? "gitlab" : null;
    }

    /**
     * The pushed proposal with its pull / merge request, where a provider and an API token are
     * configured; a failure is answered as {@link Proposal#pullRequestError()} (the branch stays pushed).
     */
    Proposal attach(Proposal pushed, GitOpsProperties properties, String url, GitCredentials credentials,
                    String title) {
        String provider = provider(properties, url);
        if (provider == null || credentials.apiToken() == null) {
            return pushed;
        }
        String subject = title.lines().findFirst().orElse(title);
        try {
            String link = open(provider, properties, url, credentials.apiToken(), pushed.branch(),
                    subject, title);
            log.info("Opened {} for branch {}", link, pushed.branch());
            return new Proposal(pushed.repository(), pushed.branch(), pushed.commit(), pushed.files(), link, null);
        } catch (IOException | RuntimeException e) {
            String reason = Redaction.text(e.getMessage(), credentials.secrets());
            log.warn("Branch {} was pushed, but the {} request could not be opened: {}", pushed.branch(),
                    "github".equals(provider) ? "pull" : "merge", reason);
            return new Proposal(pushed.repository(), pushed.branch(), pushed.commit(), pushed.files(), null,
                    "the branch " + pushed.branch() + " was pushed, but the " + ("github".equals(provider)
                            ? "pull" : "merge") + " request could not be opened: " + reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Proposal(pushed.repository(), pushed.branch(), pushed.commit(), pushed.files(), null,
                    "interrupted while opening the pull request");
        }
    }

    String open(String provider, GitOpsProperties properties, String url, String token, String branch, String title,
                String description) throws IOException, InterruptedException {
        String path = repositoryPath(url);
        Map<String, Object> body = new LinkedHashMap<>();
        HttpRequest.Builder request;
        String field;
        if ("github".equals(provider)) {
            String api = properties.apiUrl() != null ? trim(properties.apiUrl()) : "https://api.github.com";
            body.put("title", title);
            body.put("head", branch);
            body.put("base", properties.branch());
            body.put("body", description);
            request = HttpRequest.newBuilder(URI.create(api + "/repos/" + path + "/pulls"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28");
            field = "html_url";
        } else if ("gitlab".equals(provider)) {
            String api = properties.apiUrl() != null ? trim(properties.apiUrl()) : origin(url);
            body.put("source_branch", branch);
            body.put("target_branch", properties.branch());
            body.put("title", title);
            body.put("description", description);
            request = HttpRequest.newBuilder(URI.create(api + "/api/v4/projects/"
                    + URLEncoder.encode(path, StandardCharsets.UTF_8) + "/merge_requests"))
                    .header("PRIVATE-TOKEN", token);
            field = "web_url";
        } else {
            throw new IllegalArgumentException("unknown provider " + provider);
        }
        HttpResponse<String> response = http.send(request.timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.body() == null || response.body().isBlank() ? JSON.createObjectNode()
                : JSON.readTree(response.body());
        if (response.statusCode() / 100 != 2 || !answer.hasNonNull(field)) {
            String message = answer.hasNonNull("message") ? text(answer.get("message")) : "no details";
            if (answer.path("errors").isArray() && !answer.path("errors").isEmpty()) {
                // GitHub: {"message":"Validation Failed","errors":[{"message":"A pull request already exists for …"}]}
                JsonNode first = answer.path("errors").get(0);
                message += " (" + (first.hasNonNull("message") ? text(first.get("message")) : first.toString()) + ")";
            }
            throw new IOException(("github".equals(provider) ? "GitHub" : "GitLab") + " answered HTTP "
                    + response.statusCode() + ": " + message);
        }
        return answer.get(field).asText();
    }

    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        // GitLab: {"message":["Another open merge request already exists for this source branch: !3"]}
        if (node.isArray() && node.size() == 1 && node.get(0).isTextual()) {
            return node.get(0).asText();
        }
        return node.toString();
    }

    /** {@code owner/repo} (GitLab: {@code group/subgroup/project}) from the repository's URL. */
    static String repositoryPath(String url) {
        String path = URI.create(url).getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trim(String api) {
        return api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    }
}
