package dev.trafficwizard.gitops;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** #18 fix: credentials in the repository URL are split off at the last '@'; a user-only part is a token. */
class RepositoryUrlTest {

    @Test
    void aPasswordWithAnUnescapedAtIsSplitAtTheLastAt() {
        RepositoryUrl url = RepositoryUrl.parse("https://user:p@ss@host/x.git");

        assertThat(url.url()).isEqualTo("https://host/x.git");
        assertThat(url.shown()).doesNotContain("p@ss").doesNotContain("user");
        assertThat(url.user()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("p@ss");
    }

    @Test
    void aUserOnlyPartIsATokenSentAsCredentialsAndRedacted() {
        RepositoryUrl url = RepositoryUrl.parse("https://ghp_TOKEN123@github.com/shop/routing.git");

        assertThat(url.url()).isEqualTo("https://github.com/shop/routing.git");
        GitCredentials credentials = GitCredentials.of(GitOpsProperties.of(url.url()), name -> Optional.empty(),
                url.user(), url.password());
        assertThat(credentials.provider()).isNotNull();
        assertThat(credentials.secrets()).contains("ghp_TOKEN123");
        assertThat(Redaction.text("failed with ghp_TOKEN123", credentials.secrets())).doesNotContain("ghp_TOKEN123");
    }

    @Test
    void anSshUserIsAUserAndAUrlWithoutCredentialsIsKept() {
        assertThat(RepositoryUrl.parse("ssh://git@host/x.git").user()).isEqualTo("git");
        assertThat(RepositoryUrl.parse("ssh://git@host/x.git").url()).isEqualTo("ssh://host/x.git");
        assertThat(RepositoryUrl.parse("https://host/a@b.git").url()).isEqualTo("https://host/a@b.git");
    }
}
