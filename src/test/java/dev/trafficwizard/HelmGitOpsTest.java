package dev.trafficwizard;

import dev.trafficwizard.gitops.GitOpsProperties;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.HelmChartTest.name;
import static dev.trafficwizard.HelmChartTest.render;
import static dev.trafficwizard.HelmChartTest.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** #18 git: the chart's gitops.* values reach traffic-wizard.gitops.*, with `get` on the named Secrets only. */
class HelmGitOpsTest {

    static final Map<String, String> GITOPS = Map.of("gitops.repository", "https://github.com/shop/routing.git",
            "gitops.credentialsSecret", "routing-git", "gitops.tokenSecret", "routing-api",
            "gitops.pathTemplate", "clusters/prod/{namespace}/{service}/", "gitops.branchPerProposal", "false",
            "gitops.branch", "release");

    @Test
    void noRepositoryByDefault() {
        HelmChartTest.Rendered out = render(Map.of());
        assertThat(out.applicationYaml()).contains("instance-label: false").doesNotContain("repository:");
        assertThat(out.ofKind("Role").stream().map(HelmChartTest::name)).noneMatch(n -> n.endsWith("-gitops"));
        GitOpsProperties properties = out.binder().bindOrCreate("traffic-wizard.gitops", GitOpsProperties.class);
        assertThat(properties.repository()).isNull();
    }

    @Test
    void theValuesBecomeTheProperties() {
        HelmChartTest.Rendered out = render(GITOPS);
        GitOpsProperties properties = out.binder().bind("traffic-wizard.gitops", GitOpsProperties.class).get();
        assertThat(properties.repository()).isEqualTo("https://github.com/shop/routing.git");
        assertThat(properties.branch()).isEqualTo("release");
        assertThat(properties.credentialsSecret()).isEqualTo("routing-git");
        assertThat(properties.tokenSecret()).isEqualTo("routing-api");
        assertThat(properties.pathTemplate()).isEqualTo("clusters/prod/{namespace}/{service}/");
        assertThat(properties.branchPerProposal()).isFalse();
        assertThat(properties.workDir()).isEqualTo("/tmp/traffic-wizard-gitops");
        assertThat(properties.provider()).isNull();
        assertThat(HelmChartTest.get(out.env("XDG_CONFIG_HOME"), "value")).as("JGit's settings on the writable /tmp")
                .isEqualTo("/tmp/.config");
        GitOpsProperties defaults = render(Map.of("gitops.repository", "https://git.example.com/r.git")).binder()
                .bind("traffic-wizard.gitops", GitOpsProperties.class).get();
        assertThat(defaults.branchPerProposal()).isTrue();
        assertThat(defaults.pathTemplate()).isEqualTo("{namespace}/{service}/");
        assertThat(defaults.branch()).isEqualTo("main");
    }

    @Test
    void theServiceAccountMayGetTheNamedSecretsOnly() {
        HelmChartTest.Rendered out = render(GITOPS);
        var role = out.ofKind("Role").stream().filter(r -> name(r).endsWith("-gitops")).findFirst().orElseThrow();
        assertThat(HelmChartTest.namespace(role)).isEqualTo(HelmChartTest.NAMESPACE);
        assertThat(rules(role)).containsExactly(Map.of("apiGroups", List.of(""), "resources", List.of("secrets"),
                "resourceNames", List.of("routing-git", "routing-api"), "verbs", List.of("get")));
        var binding = out.ofKind("RoleBinding").stream().filter(r -> name(r).endsWith("-gitops")).findFirst();
        assertThat(binding).isPresent();
        assertThat(render(Map.of("gitops.repository", "https://git.example.com/r.git")).ofKind("Role").stream()
                .map(HelmChartTest::name)).as("no Secret named, no Role").noneMatch(n -> n.endsWith("-gitops"));
    }

    @Test
    void credentialsNeverGoIntoTheConfigMap() {
        assertThatThrownBy(() -> render(Map.of("gitops.repository", "https://bot:secret@github.com/shop/r.git")))
                .hasMessageContaining("gitops.repository must be a URL without credentials");
        assertThatThrownBy(() -> render(Map.of("gitops.repository", "https://github.com/shop/r.git",
                "gitops.provider", "bitbucket"))).hasMessageContaining("gitops.provider must be github, gitlab or none");
    }
}
