package dev.trafficwizard.gitops;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The credentials of one proposal, read fresh each time (a rotated Secret is picked up): from the
 * {@code credentials-secret} ({@code username}/{@code password} or {@code token}), else from the
 * properties; the API token from the {@code token-secret}, else the credentials' token. Never
 * logged; {@link #secrets()} lists the values to redact from any message.
 */
record GitCredentials(String username, String password, String token, String apiToken) {

    static final GitCredentials NONE = new GitCredentials(null, null, null, null);

    static GitCredentials of(GitOpsProperties properties, Function<String, Optional<Map<String, String>>> secrets,
                             String urlUser, String urlPassword) {
        String username = properties.username();
        String password = properties.password();
        String token = properties.token();
        if (properties.credentialsSecret() != null) {
            Map<String, String> secret = secrets.apply(properties.credentialsSecret()).orElseThrow(() ->
                    new GitOpsException(GitOpsException.Reason.UNAVAILABLE, "the credentials Secret "
                            + properties.credentialsSecret() + " does not exist in the dashboard's namespace"));
            username = secret.getOrDefault("username", username);
            password = secret.getOrDefault("password", password);
            token = secret.getOrDefault("token", token);
        }
        if (username == null && password == null && (urlUser != null || urlPassword != null)) {
            username = urlUser;
            password = urlPassword;
        }
        String apiToken = token;
        if (properties.tokenSecret() != null) {
            apiToken = secrets.apply(properties.tokenSecret()).map(s -> s.get("token")).orElse(apiToken);
        }
        return new GitCredentials(username, password, token, apiToken);
    }

    /** For JGit: username/password, or the token as password (GitHub and GitLab accept any user name with a token). */
    CredentialsProvider provider() {
        if (password != null) {
            return new UsernamePasswordCredentialsProvider(username == null ? "git" : username, password);
        }
        if (token != null) {
            return new UsernamePasswordCredentialsProvider(username == null ? "x-access-token" : username, token);
        }
        return null;
    }

    List<String> secrets() {
        List<String> out = new ArrayList<>();
        for (String s : new String[]{password, token, apiToken}) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "GitCredentials[***]";
    }
}
