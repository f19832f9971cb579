package dev.trafficwizard.gitops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.util.Locale;

/**
 * Where proposals go ({@code traffic-wizard.gitops.*}). {@code repository}: the URL (file://, a local
 * path, https://; none: proposing is off, except on the demo cluster, which creates a local bare
 * repository). {@code branch}: the base branch (main). {@code credentialsSecret}: a Secret in the
 * dashboard's namespace with {@code username}/{@code password} or {@code token} (or, for tests and
 * development, the properties {@code username}, {@code password}, {@code token}).
 * {@code pathTemplate}: where a service's files go ({@code {namespace}/{service}/}).
 * {@code branchPerProposal}: a new branch {@code traffic-wizard/<ns>-<service>-<yyyyMMdd-HHmmss>} per
 * proposal (default), or one branch {@code traffic-wizard/<ns>-<service>} per service receiving a new
 * commit each time. {@code provider}: github, gitlab or none (guessed from the URL when not set);
 * {@code apiUrl}: the provider's API (https://api.github.com; GitLab: the repository's host);
 * {@code tokenSecret}: a Secret with the API {@code token} (default: the credentials' token).
 * {@code workDir}: where the working clone lives (default: a fresh temporary directory).
 */
@ConfigurationProperties("traffic-wizard.gitops")
public record GitOpsProperties(String repository, String branch, String credentialsSecret, String pathTemplate,
                               Boolean branchPerProposal, String provider, String apiUrl, String tokenSecret,
                               String username, String password, String token, String workDir) {

    public static final String DEFAULT_PATH_TEMPLATE = "{namespace}/{service}/";

    @ConstructorBinding
    public GitOpsProperties {
        repository = blankToNull(repository);
        branch = blankToNull(branch) == null ? "main" : branch.trim();
        credentialsSecret = blankToNull(credentialsSecret);
        pathTemplate = blankToNull(pathTemplate) == null ? DEFAULT_PATH_TEMPLATE : pathTemplate.trim();
        branchPerProposal = branchPerProposal == null || branchPerProposal;
        provider = blankToNull(provider) == null ? null : provider.trim().toLowerCase(Locale.ROOT);
        apiUrl = blankToNull(apiUrl);
        tokenSecret = blankToNull(tokenSecret);
        username = blankToNull(username);
        password = blankToNull(password);
        token = blankToNull(token);
        workDir = blankToNull(workDir);
    }

    /** Only a repository URL, everything else by default (tests, the demo). */
    public static GitOpsProperties of(String repository) {
        return new GitOpsProperties(repository, null, null, null, null, null, null, null, null, null, null, null);
    }

    public GitOpsProperties withRepository(String url) {
        return new GitOpsProperties(url, branch, credentialsSecret, pathTemplate, branchPerProposal, provider, apiUrl,
                tokenSecret, username, password, token, workDir);
    }

    public GitOpsProperties withBranchPerProposal(boolean perProposal) {
        return new GitOpsProperties(repository, branch, credentialsSecret, pathTemplate, perProposal, provider, apiUrl,
                tokenSecret, username, password, token, workDir);
    }

    public GitOpsProperties withProvider(String provider, String apiUrl, String token) {
        return new GitOpsProperties(repository, branch, credentialsSecret, pathTemplate, branchPerProposal, provider,
                apiUrl, tokenSecret, username, password, token, workDir);
    }

    public GitOpsProperties withCredentials(String username, String password) {
        return new GitOpsProperties(repository, branch, credentialsSecret, pathTemplate, branchPerProposal, provider,
                apiUrl, tokenSecret, username, password, token, workDir);
    }

    /** The service's directory in the repository: the template filled in, always ending with '/' (or empty: the root). */
    public String directory(String namespace, String service) {
        String dir = pathTemplate.replace("{namespace}", namespace).replace("{service}", service);
        while (dir.startsWith("/")) {
            dir = dir.substring(1);
        }
        return dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
