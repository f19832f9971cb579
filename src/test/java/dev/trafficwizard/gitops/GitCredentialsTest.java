package dev.trafficwizard.gitops;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a proposal's credentials come from: the credentials Secret, the token Secret, the properties, the URL. */
class GitCredentialsTest {

    static final GitOpsProperties SECRETS = new GitOpsProperties("https://github.com/shop/routing.git", null,
            "routing-git", null, null, null, null, "routing-api", "prop-user", "prop-pass", null, null);

    @Test
    void theCredentialsSecretWinsOverTheProperties() {
        GitCredentials credentials = GitCredentials.of(SECRETS, name -> switch (name) {
            case "routing-git" -> Optional.of(Map.of("username", "bot", "password", "from-secret"));
            case "routing-api" -> Optional.of(Map.of("token", "api-token"));
            default -> Optional.empty();
        }, null, null);
        assertThat(credentials.username()).isEqualTo("bot");
        assertThat(credentials.password()).isEqualTo("from-secret");
        assertThat(credentials.apiToken()).isEqualTo("api-token");
        assertThat(credentials.secrets()).containsExactly("from-secret", "api-token");
        assertThat(credentials.toString()).doesNotContain("from-secret", "api-token");
    }

    @Test
    void aTokenAloneIsTheGitPasswordAndTheApiToken() {
        GitOpsProperties properties = new GitOpsProperties("https://github.com/shop/routing.git", null,
                "routing-git", null, null, null, null, null, null, null, null, null);
        GitCredentials credentials = GitCredentials.of(properties,
                name -> Optional.of(Map.of("token", "ghp_x")), null, null);
        assertThat(credentials.provider()).isNotNull();
        assertThat(credentials.apiToken()).isEqualTo("ghp_x");
    }

    @Test
    void aMissingSecretIsUnavailableNamingIt() {
        assertThatThrownBy(() -> GitCredentials.of(SECRETS, name -> Optional.empty(), null, null))
                .isInstanceOf(GitOpsException.class).hasMessageContaining("routing-git");
    }

    @Test
    void withoutAnySettingTheUrlsUserInfoIsUsed() {
        GitCredentials credentials = GitCredentials.of(GitOpsProperties.of("https://x"), name -> Optional.empty(),
                "u", "p");
        assertThat(credentials.username()).isEqualTo("u");
        assertThat(credentials.password()).isEqualTo("p");
        assertThat(GitCredentials.of(GitOpsProperties.of("/tmp/r.git"), name -> Optional.empty(), null, null)
                .provider()).isNull();
    }
}
