package dev.trafficwizard;

import dev.trafficwizard.security.Role;
import dev.trafficwizard.security.ServiceAccountProperties;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.HelmChartTest.get;
import static dev.trafficwizard.HelmChartTest.list;
import static dev.trafficwizard.HelmChartTest.map;
import static dev.trafficwizard.HelmChartTest.render;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12, finding 9: Prometheus (and pipelines) call with their ServiceAccount token: the chart
 * passes the service-accounts mapping to the application, lets it create TokenReviews, and can
 * render a ServiceMonitor that sends the token.
 */
class HelmServiceAccountsTest {

    static final Map<String, String> PROMETHEUS = Map.of(
            "serviceAccounts[0].group", "system:serviceaccounts:monitoring",
            "serviceAccounts[0].role", "VIEWER",
            "serviceAccounts[1].name", "ci/deployer",
            "serviceAccounts[1].role", "OPERATOR",
            "serviceAccounts[1].namespaces[0]", "shop",
            "metrics.serviceMonitor.enabled", "true");

    @Test
    void serviceAccountMappingsReachTheApplicationAndMayReviewTokens() {
        HelmChartTest.Rendered out = render(PROMETHEUS);
        ServiceAccountProperties bound = out.binder().bind("traffic-wizard.security", ServiceAccountProperties.class).get();
        assertThat(bound.serviceAccounts()).containsExactly(
                new ServiceAccountProperties.Mapping(null, "system:serviceaccounts:monitoring", Role.VIEWER, List.of()),
                new ServiceAccountProperties.Mapping("ci/deployer", null, Role.OPERATOR, List.of("shop")));
        assertThat(out.ofKind("ClusterRoleBinding")).anySatisfy(binding ->
                assertThat(get(binding, "roleRef.name")).isEqualTo("system:auth-delegator"));
        Map<String, Object> endpoint = map(list(get(out.one("ServiceMonitor"), "spec.endpoints")).get(0));
        assertThat(endpoint).containsEntry("path", "/actuator/prometheus")
                .containsEntry("bearerTokenFile", "/var/run/secrets/kubernetes.io/serviceaccount/token");
    }

    @Test
    void withImpersonationTokenLoginsMayBeImpersonatedAsTheirServiceAccount() {
        Map<String, String> values = new java.util.HashMap<>(Map.of("serviceAccounts[0].name", "ci/deployer",
                "serviceAccounts[0].role", "OPERATOR", "impersonation.enabled", "true"));
        assertThat(impersonationRules(render(values))).anySatisfy(rule -> {
            assertThat(list(get(map(rule), "resources"))).containsExactly("serviceaccounts");
            assertThat(list(get(map(rule), "resourceNames"))).containsExactly("deployer");
        });
        values.put("serviceAccounts[1].group", "system:serviceaccounts:ci");
        values.put("serviceAccounts[1].role", "VIEWER");
        assertThat(impersonationRules(render(values))).anySatisfy(rule -> {
            assertThat(list(get(map(rule), "resources"))).containsExactly("serviceaccounts");
            assertThat(map(rule)).doesNotContainKey("resourceNames");
        });
    }

    private static List<Object> impersonationRules(HelmChartTest.Rendered out) {
        return out.ofKind("ClusterRole").stream()
                .filter(role -> String.valueOf(get(role, "metadata.name")).endsWith("-impersonate"))
                .flatMap(role -> list(get(role, "rules")).stream()).toList();
    }

    @Test
    void withoutServiceAccountsNoTokenReviewGrantAndNoServiceMonitor() {
        HelmChartTest.Rendered out = render(Map.of());
        assertThat(out.ofKind("ClusterRoleBinding")).noneSatisfy(binding ->
                assertThat(get(binding, "roleRef.name")).isEqualTo("system:auth-delegator"));
        assertThat(out.ofKind("ServiceMonitor")).isEmpty();
    }
}
